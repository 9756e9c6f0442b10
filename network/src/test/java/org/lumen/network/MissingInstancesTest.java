// SPDX-License-Identifier: Apache-2.0
package org.lumen.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lumen.network.MissingInstances.Plan;
import org.lumen.network.MissingInstances.SomeInstances;
import org.lumen.network.MissingInstances.WholeSeries;
import org.lumen.network.MissingInstances.WholeStudy;
import org.lumen.network.query.InstanceMatch;

/** The plan of a resumed retrieve: a whole request where nothing is cached, single instances where some are. */
class MissingInstancesTest {

    private static final List<InstanceMatch> LISTED = List.of(
            new InstanceMatch("1.9", "1.9.1", "1.9.1.1"), new InstanceMatch("1.9", "1.9.1", "1.9.1.2"),
            new InstanceMatch("1.9", "1.9.2", "1.9.2.1"), new InstanceMatch("1.9", "1.9.2", "1.9.2.2"),
            new InstanceMatch("1.9", "1.9.2", "1.9.2.3"), new InstanceMatch("1.9", "1.9.3", "1.9.3.1"));

    @Test
    void nothingCachedIsOneStudyRequest() {
        assertThat(MissingInstances.plan(LISTED, Set.of(), null)).isEqualTo(new Plan(6, 0, List.of(new WholeStudy(6))));
    }

    @Test
    void aSeriesWithNothingCachedComesWholeAndAPartlyCachedOneByInstance() {
        Plan plan = MissingInstances.plan(LISTED, Set.of("1.9.1.1", "1.9.1.2", "1.9.2.2"), null);
        assertThat(plan.present()).isEqualTo(3);
        assertThat(plan.missing()).isEqualTo(3);
        assertThat(plan.fetches()).containsExactly(new SomeInstances("1.9.2", List.of("1.9.2.1", "1.9.2.3")), new WholeSeries("1.9.3", 1));
    }

    @Test
    void everythingCachedAsksForNothing() {
        Set<String> all = Set.of("1.9.1.1", "1.9.1.2", "1.9.2.1", "1.9.2.2", "1.9.2.3", "1.9.3.1", "9.9.9");
        assertThat(MissingInstances.plan(LISTED, all, null)).isEqualTo(new Plan(6, 6, List.of()));
    }

    @Test
    void oneSeriesRequestedWithNothingCachedIsThatSeries() {
        List<InstanceMatch> series = LISTED.subList(2, 5);
        assertThat(MissingInstances.plan(series, Set.of(), "1.9.2").fetches()).containsExactly(new WholeSeries("1.9.2", 3));
    }

    @Test
    void anInstanceListedWithoutItsSeriesMakesTheStudyOneRequest() {
        List<InstanceMatch> odd = List.of(new InstanceMatch("1.9", "1.9.1", "1.9.1.1"), new InstanceMatch("1.9", null, "1.9.1.2"));
        assertThat(MissingInstances.plan(odd, Set.of("1.9.1.1"), null).fetches()).containsExactly(new WholeStudy(2));
    }

    @Test
    void duplicatesInTheAnswerCountOnce() {
        List<InstanceMatch> twice = List.of(LISTED.get(0), LISTED.get(0), LISTED.get(1));
        assertThat(MissingInstances.plan(twice, Set.of("1.9.1.1"), null))
                .isEqualTo(new Plan(2, 1, List.of(new SomeInstances("1.9.1", List.of("1.9.1.2")))));
    }
}

// SPDX-License-Identifier: Apache-2.0
package org.lumen.aiassist.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lumen.aiassist.testing.TestModels;

/** The card's image object: read when right, refused with a sentence naming the field when not; image intended-use checks. */
class ImageCardTest {

    @TempDir
    Path tmp;

    static ObjectNode imageCard() {
        ObjectNode c = TestModels.card("img", 64, 64);
        ((ObjectNode) c.get("input")).remove("normalisation");
        ((ObjectNode) c.get("input")).remove("targetSpacingMm");
        ObjectNode image = c.putObject("image");
        image.put("colour", "grey");
        image.put("fit", "tile");
        image.put("downsample", 2);
        image.putObject("normalisation").put("type", "percentileWindow").put("low", 1).put("high", 99);
        image.put("orient", "chestWallRight");
        image.putObject("study").put("rule", "perLaterality");
        ObjectNode grade = image.putObject("grade");
        grade.putArray("levels").add("none").add("some");
        grade.putArray("rules").addObject().put("grade", "some").putArray("anyOf").addObject().put("class", "finding").put("atLeast", 2);
        grade.put("otherwise", "none");
        c.putObject("intendedUseCriteria").putArray("views").add("cc");
        return c;
    }

    ModelCard read(ObjectNode card) throws Exception {
        TestModels.writePackage(tmp.resolve("p"), TestModels.identity2d(), card);
        return new ModelPackageReader(tmp.resolve("u")).read(tmp.resolve("p")).card();
    }

    @Test
    void readsEveryImageField() throws Exception {
        ModelCard card = read(imageCard());
        ImageContract image = card.image();
        assertThat(card.isImageModel()).isTrue();
        assertThat(card.dimensions()).isEqualTo(2);
        assertThat(image.colour()).isEqualTo(ImageContract.Colour.GREY);
        assertThat(image.fit()).isEqualTo(ImageContract.Fit.TILE);
        assertThat(image.downsample()).isEqualTo(2);
        assertThat(image.normalisation()).isEqualTo(ImageNormalisation.percentileWindow(1, 99));
        assertThat(image.orient()).isEqualTo(ImageContract.Orient.CHEST_WALL_RIGHT);
        assertThat(image.study()).isEqualTo(ImageContract.StudyRule.PER_LATERALITY);
        assertThat(image.grade().describe()).containsExactly("some: 2 or more finding", "otherwise none");
        assertThat(card.intendedUseCriteria().views()).containsExactly("CC");
        assertThat(card.input().targetSpacingMm()).isNull();
    }

    @Test
    void refusesWrongImageFieldsWithASentence() throws Exception {
        assertRefused(c -> ((ObjectNode) c.get("image")).put("colour", "rgb"),
                "image.colour rgb means 3 input channel(s) but input.channels is 1");
        assertRefused(c -> ((ObjectNode) c.get("image")).put("fit", "zoom"),
                "image.fit must be letterbox, stretch, centreCrop or tile, was \"zoom\"");
        assertRefused(c -> ((ObjectNode) c.get("input")).putObject("normalisation").put("type", "none"),
                "a 2D image card gives its normalisation as image.normalisation, not input.normalisation");
        assertRefused(c -> ((ObjectNode) c.get("image").get("grade").get("rules").get(0).get("anyOf").get(0)).put("class", "mass"),
                "image.grade names the class \"mass\", which the card's classes do not list");
        assertRefused(c -> ((ObjectNode) c.get("image")).put("fit", "letterbox"),
                "image: downsample applies to the tile fit only; letterbox scales the image to the patch");
        assertRefused(c -> ((ObjectNode) c.get("input")).put("dimensionality", "3D").putArray("patchSize").add(8).add(8).add(8),
                "a card with an image object is a 2D image model: input.dimensionality must be 2D");
    }

    @Test
    void anImageCardWithoutItsRequiredFieldsListsThemAll() throws Exception {
        ObjectNode c = imageCard();
        ((ObjectNode) c.get("image")).remove(List.of("fit", "normalisation"));
        assertThatThrownBy(() -> read(c)).isInstanceOf(ModelRefusedException.class)
                .hasMessageContaining("its model card is incomplete: it lacks image.fit, image.normalisation");
    }

    @Test
    void aVolumeCardHasNoImageContract() throws Exception {
        TestModels.writePackage(tmp.resolve("v"), TestModels.identity3d(), TestModels.card("vol", 8, 8, 8));
        ModelCard card = new ModelPackageReader(tmp.resolve("u")).read(tmp.resolve("v")).card();
        assertThat(card.isImageModel()).isFalse();
        assertThat(card.dimensions()).isEqualTo(3);
    }

    @Test
    void imageCriteriaGiveOneSentenceEachAndNotesForSilentFiles() {
        IntendedUse use = new IntendedUse(List.of("MG"), Set.of(BodyRegion.BREAST), null, null, false, null,
                List.of("1.2.840.10008.5.1.4.1.1.1.2"), List.of("CC", "MLO"), List.of("L"));
        ImageFacts right = new ImageFacts("u", 0, "MG", "1.2.840.10008.5.1.4.1.1.1.2", "MONOCHROME1", 1, "R", "CC", null, "BREAST", null,
                null, 10, 10);
        IntendedUseAssessment a = IntendedUseCheck.check(use, right, null);
        assertThat(a.reasons()).containsExactly("its laterality is R; the model is for laterality L");
        ImageFacts silent = new ImageFacts("u", 0, "MG", "1.2.840.10008.5.1.4.1.1.1.2", "MONOCHROME2", 1, null, null, null, null, null,
                null, 10, 10);
        IntendedUseAssessment b = IntendedUseCheck.check(use, silent, null);
        assertThat(b.reasons()).containsExactly("the file gives no View Position; the model is for view CC or MLO",
                "the file gives no laterality; the model is for laterality L");
        assertThat(b.notes()).anyMatch(n -> n.contains("neither Body Part Examined nor the descriptions"));
        ImageFacts fundus = new ImageFacts("u", 0, "OP", null, "YBR_FULL_422", 3, "L", null, null, "EYE", null, null, 10, 10);
        assertThat(IntendedUseCheck.check(new IntendedUse(List.of("OP"), Set.of(BodyRegion.EYE), null, null, false, null), fundus, null)
                .outside()).isFalse();
    }

    void assertRefused(java.util.function.Consumer<ObjectNode> edit, String sentence) {
        ObjectNode c = imageCard();
        edit.accept(c);
        assertThatThrownBy(() -> read(c)).isInstanceOf(ModelRefusedException.class).hasMessageContaining(sentence);
    }
}

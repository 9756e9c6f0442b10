// SPDX-License-Identifier: Apache-2.0
package org.lumen.network.dicomweb;

import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.lumen.network.NetworkException;
import org.lumen.network.NetworkException.Reason;
import org.lumen.network.Timeouts;
import org.lumen.network.TlsFailures;
import org.lumen.network.node.Credentials;
import org.lumen.network.node.PacsNode;
import org.lumen.task.TaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP requests to one DICOMweb node: authentication, connect and response timeouts, cancel, redirects
 * (credentials go only to the node's own origin, never down from HTTPS to HTTP), 429/503 with
 * Retry-After, and every failure turned into a {@link NetworkException} that names the node and what
 * failed. HTTPS checks certificates (against the JDK's default trust store unless given another) and
 * host names. Passwords and tokens never appear in a message or a log line.
 */
public final class DicomWebHttp implements AutoCloseable {

    /** Tries of one request while the server answers 429 or 503. */
    static final int MAX_TRIES = 3;
    /** The longest Retry-After Lumen waits for; a server that asks for more is reported as busy. */
    static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(5);
    /** Without Retry-After, wait this long before trying again. */
    static final Duration DEFAULT_RETRY_WAIT = Duration.ofSeconds(1);
    static final int MAX_REDIRECTS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(DicomWebHttp.class);
    /** How often a waiting request looks at the task's cancel flag. */
    private static final Duration POLL = Duration.ofMillis(100);

    private final PacsNode node;
    private final Timeouts timeouts;
    private final Credentials credentials;
    private final HttpClient client;

    /** With the JDK's default trust store for HTTPS. */
    public DicomWebHttp(PacsNode node, Timeouts timeouts, Credentials credentials) {
        this(node, timeouts, credentials, null);
    }

    /**
     * @param tls the TLS context whose trust managers judge the server's certificate (a site's own CA), or
     *            null for the JDK's default trust store; host names are checked either way
     */
    public DicomWebHttp(PacsNode node, Timeouts timeouts, Credentials credentials, SSLContext tls) {
        this.node = Objects.requireNonNull(node, "node");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        this.credentials = credentials == null ? Credentials.none() : credentials;
        if (node.protocol() != PacsNode.Protocol.DICOMWEB) {
            throw new IllegalArgumentException(node.describe() + " is not a DICOMweb node");
        }
        if (node.baseUrl().getRawUserInfo() != null) {
            // Never repeat the URL: it holds the secret.
            throw new IllegalArgumentException("the base URL of DICOMweb node '" + node.name()
                    + "' holds credentials; store them as the node's secret instead");
        }
        String scheme = Optional.ofNullable(node.baseUrl().getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("a DICOMweb base URL starts with http:// or https://, not " + node.baseUrl());
        }
        HttpClient.Builder builder = HttpClient.newBuilder();
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.client = builder
                .connectTimeout(timeouts.connect())
                .followRedirects(HttpClient.Redirect.NEVER)
                // HTTPS negotiates HTTP/2 where the server offers it; on plain HTTP, archives such as Orthanc
                // speak only HTTP/1.1 and are better not offered an h2c upgrade.
                .version(scheme.equals("https") ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .build();
    }

    public PacsNode node() {
        return node;
    }

    /** {@code path} (with its query) below the node's base URL, e.g. {@code studies?PatientID=X}. */
    public URI resolve(String path) {
        String base = node.baseUrl().toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + (path.startsWith("/") ? path.substring(1) : path));
    }

    /**
     * A GET that answered 2xx (the body of other answers is never handed to {@code body}).
     *
     * @param what the request in words for messages, e.g. "a QIDO-RS search"
     * @throws NetworkException naming the node and the reason; {@link Reason#CANCELLED} when the task is cancelled
     */
    public <T> HttpResponse<T> get(URI uri, String accept, HttpResponse.BodyHandler<T> body, String what, TaskContext task)
            throws NetworkException {
        return get(uri, accept, body, what, status -> false, task);
    }

    /**
     * A GET that answered 2xx or a status the caller handles itself ({@code answered}: e.g. 404 for "no such
     * study"); those answers come back with their body handed to {@code body}, not as an exception.
     */
    public <T> HttpResponse<T> get(URI uri, String accept, HttpResponse.BodyHandler<T> body, String what, IntPredicate answered,
            TaskContext task) throws NetworkException {
        return send(uri, target -> HttpRequest.newBuilder(target).timeout(timeouts.response()).header("Accept", accept).GET(),
                body, what, answered, null, task);
    }

    /**
     * A POST of a body that may be long to send: {@code content} gives a fresh publisher for each try (a
     * retry or a 307/308 redirect sends it again), and {@code sent} is counted up by it as bytes go out, so
     * that only a transfer that stalls for the response timeout is a timeout, not one that is merely long.
     */
    public <T> HttpResponse<T> post(URI uri, String contentType, String accept, Supplier<HttpRequest.BodyPublisher> content, AtomicLong sent,
            HttpResponse.BodyHandler<T> body, String what, IntPredicate answered, TaskContext task) throws NetworkException {
        return send(uri, target -> HttpRequest.newBuilder(target).header("Content-Type", contentType).header("Accept", accept)
                .POST(content.get()), body, what, answered, sent, task);
    }

    private <T> HttpResponse<T> send(URI uri, Function<URI, HttpRequest.Builder> requestTo, HttpResponse.BodyHandler<T> body, String what,
            IntPredicate answered, AtomicLong sent, TaskContext task) throws NetworkException {
        String authorization = authorization();
        URI current = uri;
        int tries = 1;
        int redirects = 0;
        while (true) {
            HttpRequest.Builder request = requestTo.apply(current);
            if (authorization != null && sameOrigin(current, node.baseUrl())) {
                request.header("Authorization", authorization);
            }
            ErrorHead errorHead = new ErrorHead();
            HttpResponse<T> answer = exchange(request.build(), handedOver(body, answered, errorHead), what, sent, task);
            int status = answer.statusCode();
            if (status / 100 == 2 || answered.test(status)) {
                return answer;
            }
            if (isRedirect(status)) {
                if (++redirects > MAX_REDIRECTS) {
                    throw new NetworkException(Reason.PROTOCOL, node.describe() + " redirected " + what + " more than " + MAX_REDIRECTS + " times");
                }
                current = redirectTarget(current, answer, what);
                continue;
            }
            if (status == 429 || status == 503) {
                Duration wait = retryAfter(answer).orElse(DEFAULT_RETRY_WAIT);
                if (tries >= MAX_TRIES || wait.compareTo(MAX_RETRY_WAIT) > 0) {
                    throw new NetworkException(Reason.PROTOCOL, String.format(Locale.ROOT, "%s is busy (HTTP %d) and did not serve %s after %d %s%s",
                            node.describe(), status, what, tries, tries == 1 ? "try" : "tries",
                            wait.compareTo(MAX_RETRY_WAIT) > 0 ? "; it asks to retry in " + wait.toSeconds() + " s" : ""));
                }
                LOG.info("{} answered HTTP {}; trying again in {} ms", node.describe(), status, wait.toMillis());
                pause(wait, what, task);
                tries++;
                continue;
            }
            throw statusFailure(status, what, errorHead.text());
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private String authorization() throws NetworkException {
        return switch (node.auth()) {
            case NONE -> null;
            case BASIC -> {
                if (!credentials.isBasic()) {
                    throw new NetworkException(Reason.AUTHENTICATION, node.describe()
                            + " uses HTTP Basic authentication and no user name and password are stored for it");
                }
                String pair = credentials.username() + ":" + credentials.password();
                yield "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
            }
            case BEARER -> {
                if (!credentials.isBearer()) {
                    throw new NetworkException(Reason.AUTHENTICATION, node.describe()
                            + " uses a Bearer token and no token is stored for it");
                }
                yield "Bearer " + credentials.token();
            }
        };
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> body, String what, AtomicLong sent,
            TaskContext task) throws NetworkException {
        CompletableFuture<HttpResponse<T>> answer = client.sendAsync(request, body);
        // The request timeout covers the headers; this deadline also covers a body that stops arriving. While a
        // request body is still going out, the deadline moves on with each byte sent.
        long deadline = System.nanoTime() + timeouts.connect().toNanos() + timeouts.response().toNanos();
        long sentSoFar = sent == null ? 0 : sent.get();
        while (true) {
            if (sent != null && sent.get() != sentSoFar) {
                sentSoFar = sent.get();
                deadline = System.nanoTime() + timeouts.response().toNanos();
            }
            if (task.isCancelled()) {
                answer.cancel(true);
                throw new NetworkException(Reason.CANCELLED, what + " on " + node.describe() + " was cancelled");
            }
            try {
                return answer.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillWaiting) {
                if (System.nanoTime() > deadline) {
                    answer.cancel(true);
                    throw new NetworkException(Reason.TIMEOUT, node.describe() + " did not answer " + what + " within "
                            + seconds(timeouts.response()));
                }
            } catch (ExecutionException e) {
                throw failure(e.getCause(), what);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer.cancel(true);
                throw new NetworkException(Reason.CANCELLED, what + " on " + node.describe() + " was interrupted", e);
            }
        }
    }

    /** Turns what the HTTP client threw into one sentence with a reason; the cause keeps the details for the log. */
    private NetworkException failure(Throwable thrown, String what) {
        String host = node.baseUrl().getHost();
        boolean connect = false;
        boolean noRoute = false;
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return new NetworkException(Reason.TIMEOUT, "could not connect to " + node.describe() + " within "
                        + seconds(timeouts.connect()), thrown);
            }
            if (t instanceof HttpTimeoutException) {
                return new NetworkException(Reason.TIMEOUT, node.describe() + " did not answer " + what + " within "
                        + seconds(timeouts.response()), thrown);
            }
            if (t instanceof SSLException) {
                return TlsFailures.failure(thrown, node);
            }
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException || t instanceof NoRouteToHostException) {
                noRoute = true;
            }
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            noRoute |= message.contains("unreachable") || message.contains("no route");
            connect |= t instanceof ConnectException;
        }
        if (noRoute) {
            return new NetworkException(Reason.UNREACHABLE, host + " cannot be reached (" + node.describe()
                    + "): unknown host or no route to it", thrown);
        }
        if (connect) {
            // The JDK's client reports a refused connection as a bare ConnectException (cause: a closed channel).
            return new NetworkException(Reason.PORT_CLOSED, "nothing answers at " + node.describe() + ": port " + port()
                    + " on " + host + " is closed", thrown);
        }
        return new NetworkException(Reason.ABORTED, node.describe() + " closed the connection during " + what, thrown);
    }

    private NetworkException statusFailure(int status, String what, String errorHead) {
        if (status == 401 || status == 403) {
            return new NetworkException(Reason.AUTHENTICATION, node.describe() + " refused " + what + " (HTTP " + status
                    + "): wrong or missing credentials");
        }
        if (status == 400 && node.usesTls() && errorHead.contains("SSL certificate")) {
            // A TLS proxy (nginx) that requires a client certificate finishes the handshake and answers 400 with a page saying why.
            return TlsFailures.clientCertificateRefused(node, "HTTP 400: " + title(errorHead));
        }
        String hint = status == 404 ? " (is the base URL the DICOMweb root?)" : "";
        return new NetworkException(Reason.PROTOCOL, node.describe() + " answered HTTP " + status + " to " + what + hint);
    }

    /** An HTML page's title without its status number ("No required SSL certificate was sent"), else its first line. */
    private static String title(String html) {
        int open = html.indexOf("<title>");
        int close = html.indexOf("</title>");
        String text = open >= 0 && close > open ? html.substring(open + 7, close) : html.lines().findFirst().orElse("");
        return text.replaceFirst("^\\d{3}\\s+", "").strip();
    }

    private URI redirectTarget(URI from, HttpResponse<?> answer, String what) throws NetworkException {
        String location = answer.headers().firstValue("Location").orElseThrow(() -> new NetworkException(Reason.PROTOCOL,
                node.describe() + " redirected " + what + " (HTTP " + answer.statusCode() + ") without saying where"));
        URI target;
        try {
            target = from.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw new NetworkException(Reason.PROTOCOL, node.describe() + " redirected " + what + " to an address that is not a URL", e);
        }
        if (!"http".equalsIgnoreCase(target.getScheme()) && !"https".equalsIgnoreCase(target.getScheme()) || target.getHost() == null) {
            throw new NetworkException(Reason.PROTOCOL, node.describe() + " redirected " + what + " to an address that is not an HTTP URL");
        }
        if ("https".equalsIgnoreCase(from.getScheme()) && !"https".equalsIgnoreCase(target.getScheme())) {
            throw new NetworkException(Reason.PROTOCOL, node.describe() + " redirected " + what + " from HTTPS to "
                    + target.getScheme() + "; Lumen does not follow it");
        }
        LOG.debug("{} redirected a request (HTTP {}) to {}", node.describe(), answer.statusCode(), target.getHost());
        return target;
    }

    private void pause(Duration wait, String what, TaskContext task) throws NetworkException {
        long end = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < end) {
            if (task.isCancelled()) {
                throw new NetworkException(Reason.CANCELLED, what + " on " + node.describe() + " was cancelled");
            }
            try {
                Thread.sleep(Math.max(1, Math.min(POLL.toMillis(), (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NetworkException(Reason.CANCELLED, what + " on " + node.describe() + " was interrupted", e);
            }
        }
    }

    private int port() {
        int port = node.baseUrl().getPort();
        return port >= 0 ? port : "https".equalsIgnoreCase(node.baseUrl().getScheme()) ? 443 : 80;
    }

    /** Retry-After as seconds or as an HTTP date; empty when absent or unreadable. */
    static Optional<Duration> retryAfter(HttpResponse<?> answer) {
        return answer.headers().firstValue("Retry-After").map(String::strip).flatMap(value -> {
            if (value.chars().allMatch(Character::isDigit) && !value.isEmpty() && value.length() < 10) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            }
            try {
                Duration until = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(lower(a.getScheme()), lower(b.getScheme())) && Objects.equals(lower(a.getHost()), lower(b.getHost()))
                && effectivePort(a) == effectivePort(b);
    }

    private static int effectivePort(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    /**
     * Hands only 2xx bodies, and those of statuses the caller handles, to {@code body}; of others only the first bytes
     * are kept ({@code errorHead}, to tell what refused) and the rest dropped, so an error page never lands in a file.
     */
    private static <T> HttpResponse.BodyHandler<T> handedOver(HttpResponse.BodyHandler<T> body, IntPredicate answered, ErrorHead errorHead) {
        return info -> info.statusCode() / 100 == 2 || answered.test(info.statusCode()) ? body.apply(info)
                : HttpResponse.BodySubscribers.fromSubscriber(errorHead, head -> null);
    }

    /** The first {@value #LIMIT} bytes of an error answer; the rest is read and dropped. */
    private static final class ErrorHead implements Flow.Subscriber<List<ByteBuffer>> {
        private static final int LIMIT = 1024;
        private final ByteArrayOutputStream head = new ByteArrayOutputStream();

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public synchronized void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer b : buffers) {
                int n = Math.min(b.remaining(), LIMIT - head.size());
                if (n > 0) {
                    byte[] bytes = new byte[n];
                    b.get(bytes);
                    head.write(bytes, 0, n);
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            // What came is enough; the exchange reports the failure itself.
        }

        @Override
        public void onComplete() {
            // Nothing more to keep.
        }

        synchronized String text() {
            return head.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}

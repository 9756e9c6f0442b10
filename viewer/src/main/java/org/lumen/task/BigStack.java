// SPDX-License-Identifier: Apache-2.0
package org.lumen.task;

/**
 * Runs a call on a short-lived thread with a large stack and waits for it (the one thread Lumen makes
 * outside the pools: a pool thread's stack size is fixed). ONNX Runtime's environment set-up recurses about twelve thousand native frames deep, more than a Java thread's
 * default 1 MiB stack holds once the caller has used some of it (the CLI's main thread crashed the
 * JVM there with SIGSEGV, without even an error file); creating the environment and sessions this
 * way makes that independent of who calls.
 */
public final class BigStack {

    /** 64 MiB: far more than measured, and only reserved address space until touched. */
    private static final long STACK_BYTES = 64L << 20;

    private BigStack() { }

    @FunctionalInterface
    public interface Call<T, E extends Exception> {
        T call() throws E;
    }

    public static <T, E extends Exception> T run(String name, Call<T, E> call) throws E {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(null, () -> {
            try {
                result[0] = call.call();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, name, STACK_BYTES);
        thread.setDaemon(true);
        thread.start();
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                // ONNX Runtime cannot be interrupted half-way; finish, then restore the flag.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] != null) {
            sneaky(failure[0]);
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    @SuppressWarnings("unchecked")
    private static <X extends Throwable> void sneaky(Throwable e) throws X {
        throw (X) e;
    }

}

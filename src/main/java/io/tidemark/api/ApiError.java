package io.tidemark.api;

/** A refusal the API answers with its HTTP status and a message saying what to do (see {@link ApiErrors}). */
public final class ApiError extends RuntimeException {

    private final int status;

    public ApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}

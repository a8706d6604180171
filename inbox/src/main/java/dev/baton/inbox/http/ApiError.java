package dev.baton.inbox.http;

/** An API refusal with its HTTP status (400, 401, 403, 404, 409); the message is safe to show to the caller. */
public final class ApiError extends RuntimeException {

    private final int status;

    public ApiError(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiError badRequest(String why) {
        return new ApiError(400, why);
    }

    public static ApiError forbidden(String why) {
        return new ApiError(403, why);
    }
}

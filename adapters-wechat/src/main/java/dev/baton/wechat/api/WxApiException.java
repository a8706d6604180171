package dev.baton.wechat.api;

/**
 * A WeChat/WeCom API call that did not succeed, typed by what the caller can do.
 */
public sealed class WxApiException extends Exception {

    private final int errcode;

    private WxApiException(int errcode, String message, Throwable cause) {
        super(message, cause);
        this.errcode = errcode;
    }

    /** The platform's {@code errcode}, or 0 for transport failures. */
    public int errcode() {
        return errcode;
    }

    /** Network failure, timeout or HTTP 5xx: try again later. */
    public static final class Transient extends WxApiException {
        public Transient(String message, Throwable cause) {
            super(0, message, cause);
        }
    }

    /** The platform answered with a non-zero {@code errcode}. */
    public static final class Platform extends WxApiException {
        public Platform(int errcode, String errmsg) {
            super(errcode, "errcode " + errcode + ": " + redact(errmsg), null);
        }
    }

    /** WeChat error messages sometimes echo request parameters; keep only the part before any hint. */
    static String redact(String errmsg) {
        if (errmsg == null) {
            return "";
        }
        int cut = errmsg.indexOf("access_token");
        return cut >= 0 ? errmsg.substring(0, cut).trim() : errmsg;
    }
}

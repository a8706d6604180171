package dev.baton.config.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * A {@link PatternLayout} whose whole output line (message, arguments, exception and stack trace alike) goes
 * through {@link LogRedaction}. Baton's {@code logback.xml} uses it for every appender; a replacement logback
 * configuration must use it too, or secrets echoed by a provider can reach the log.
 */
public class RedactingLayout extends PatternLayout {

    private volatile LogRedaction redaction;

    @Override
    public String doLayout(ILoggingEvent event) {
        LogRedaction r = redaction;
        if (r == null) {
            r = LogRedaction.of(getContext());
            redaction = r;
        }
        return r.redact(super.doLayout(event));
    }
}

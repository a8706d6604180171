package dev.baton.knowledge.index;

/**
 * The calibrated abstention threshold of one search route (query language, vector field, documents searched), as
 * stored in the manifest. See {@code search.Abstention} for how it is computed.
 *
 * @param route      the route's key ({@code search.Route#key()})
 * @param references reference questions that found a nearest document
 * @param mean       mean of their best cosines against the route's documents
 * @param sd         standard deviation of those cosines
 * @param cosine     the threshold: a question is answered from an entry whose cosine reaches it
 * @param agreeing   the lower threshold for the entry BM25 also ranks first (the lexical search agrees); at most
 *                   {@code cosine} (a manifest without it reads as {@code cosine})
 */
public record Threshold(String route, int references, double mean, double sd, double cosine, double agreeing) {

    public Threshold {
        agreeing = agreeing > 0 ? Math.min(agreeing, cosine) : cosine;
    }
}

package dev.baton.core.store;

/** The repositories over one {@link Database}, built once by the composition root. */
public record Store(Database db, CustomerRepository customers, ConversationRepository conversations,
                    MessageRepository messages, InboundLog inbound, Outbox outbox, TicketRepository tickets,
                    ChatMemoryRepository memory, RatingRepository ratings,
                    CustomerLinkRepository links,
                    CsatRequestRepository csatRequests, LeaseRepository leases) {

    public static Store over(Database db) {
        boolean pg = db.isPostgres();
        return new Store(db, new CustomerRepository(), new ConversationRepository(), new MessageRepository(),
                new InboundLog(pg), new Outbox(), new TicketRepository(pg), new ChatMemoryRepository(),
                new RatingRepository(), new CustomerLinkRepository(), new CsatRequestRepository(),
                new LeaseRepository(pg));
    }
}

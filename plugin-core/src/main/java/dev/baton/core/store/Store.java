package dev.baton.core.store;

/** The repositories over one {@link Database}, built once by the composition root. */
public record Store(Database db, CustomerRepository customers, ConversationRepository conversations,
                    MessageRepository messages, InboundLog inbound, Outbox outbox, TicketRepository tickets,
                    ChatMemoryRepository memory, RatingRepository ratings,
                    CustomerLinkRepository links,
                    CsatRequestRepository csatRequests) {

    public static Store over(Database db) {
        return new Store(db, new CustomerRepository(), new ConversationRepository(), new MessageRepository(),
                new InboundLog(db.isPostgres()), new Outbox(), new TicketRepository(), new ChatMemoryRepository(),
                new RatingRepository(), new CustomerLinkRepository(), new CsatRequestRepository());
    }
}

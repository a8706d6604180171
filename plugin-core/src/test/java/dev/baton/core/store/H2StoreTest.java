package dev.baton.core.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The repository contract on H2, the embedded default. */
class H2StoreTest extends StoreContract {

    private static Database db;

    @BeforeAll
    static void open() {
        db = Database.open("jdbc:h2:mem:store-contract;DB_CLOSE_DELAY=-1", "sa", "", 4);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Override
    protected Database db() {
        return db;
    }
}

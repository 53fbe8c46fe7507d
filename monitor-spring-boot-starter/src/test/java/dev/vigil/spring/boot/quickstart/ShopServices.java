package dev.vigil.spring.boot.quickstart;

import dev.vigil.health.HealthResult;

/** The application's own services that the README's quick start monitors, as small as it needs them. */
final class ShopServices {

    private ShopServices() {
    }
}

/** Talks to the payment provider. */
interface PaymentClient {

    /** Whether the provider answers. */
    boolean ping();
}

/** Where uploaded media go. */
interface MediaStore {

    /** Writes and reads back a probe object. */
    HealthResult probe();
}

/** The shop's orders. */
interface OrderRepository {

    /** Orders placed since midnight. */
    long countToday();

    /** Their total value. */
    double revenueToday();
}

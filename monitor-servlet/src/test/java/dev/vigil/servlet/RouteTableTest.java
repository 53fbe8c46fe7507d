package dev.vigil.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The capped route table: lookups by name and by raw path agree, and the cap holds. */
class RouteTableTest {

    private final RouteTable<String> table = new RouteTable<>(3, name -> "route:" + name);

    @Test
    void pathLookupFindsTheRouteOfItsTemplate() {
        String byName = table.route("/bookings/{id}");

        assertThat(table.pathRoute("/shop/bookings/42/", "/shop".length())).isSameAs(byName);
        assertThat(table.pathRoute("/bookings/43", 0)).isSameAs(byName);
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void pathLookupTellsApartTemplatesOfTheSameHash() {
        assertThat("/Aa".hashCode()).isEqualTo("/BB".hashCode());
        String aa = table.route("/Aa");

        assertThat(table.pathRoute("/BB", 0)).isEqualTo("route:/BB");
        assertThat(table.pathRoute("/Aa/", 0)).isSameAs(aa);
        assertThat(table.size()).isEqualTo(2);
    }

    @Test
    void routesPastTheCapAreOther() {
        table.route("/a");
        table.pathRoute("/b", 0);
        table.route("/c");

        assertThat(table.route("/d")).isSameAs(table.other()).isEqualTo("route:OTHER");
        assertThat(table.pathRoute("/e/1", 0)).isSameAs(table.other());
        assertThat(table.route("/a")).as("known routes are still found").isEqualTo("route:/a");
        assertThat(table.pathRoute("/b/", 0)).isEqualTo("route:/b");
        assertThat(table.size()).isEqualTo(3);
    }

    @Test
    void reservedRoutesDoNotCountAgainstTheCap() {
        assertThat(table.route(RequestTracingFilter.ROUTE_OTHER)).isSameAs(table.other());
        assertThat(table.route(RequestTracingFilter.ROUTE_NOT_FOUND)).isSameAs(table.notFound());

        assertThat(table.size()).isZero();
    }

    @Test
    void overlongTemplatesAreOther() {
        String longName = "/" + "x".repeat(PathTemplates.MAX_LENGTH);

        assertThat(table.route(longName)).isSameAs(table.other());
        assertThat(table.pathRoute(longName, 0)).isSameAs(table.other());
        assertThat(table.size()).isZero();
    }
}

package dev.vigil.example.jaxrs;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** The example's own data: items and their stock, in memory. */
final class Inventory {

    /** One item. */
    record Item(long id, String name, int stock) {
        Item {
            Objects.requireNonNull(name, "name");
        }
    }

    private final Map<Long, Item> items = new ConcurrentSkipListMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** Three items, one of them out of stock. */
    static Inventory withSamples() {
        Inventory inventory = new Inventory();
        inventory.add("keyboard", 12);
        inventory.add("mouse", 0);
        inventory.add("monitor", 3);
        return inventory;
    }

    Item add(String name, int stock) {
        Item item = new Item(ids.incrementAndGet(), name, stock);
        items.put(item.id(), item);
        return item;
    }

    List<Item> all() {
        return List.copyOf(items.values());
    }

    Optional<Item> find(long id) {
        return Optional.ofNullable(items.get(id));
    }

    long outOfStock() {
        return items.values().stream().filter(item -> item.stock() == 0).count();
    }
}

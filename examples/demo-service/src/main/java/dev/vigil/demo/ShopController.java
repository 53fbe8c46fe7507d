package dev.vigil.demo;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The demo's business routes; each one passes through the fault switch first. */
@RestController
class ShopController {

    private final FaultSwitch faults;
    private final JdbcTemplate jdbc;
    private final BookingCache cache;

    ShopController(FaultSwitch faults, JdbcTemplate jdbc, BookingCache cache) {
        this.faults = faults;
        this.jdbc = jdbc;
        this.cache = cache;
    }

    @PostMapping("/media-upload")
    Map<String, Object> upload() throws InterruptedException {
        faults.apply("/media-upload");
        Integer id = jdbc.queryForObject("SELECT COUNT(*) + 1 FROM media", Integer.class);
        jdbc.update("INSERT INTO media (name, size_bytes) VALUES (?, ?)", "upload-" + id + ".jpg", 1024L * id);
        return Map.of("status", "stored", "id", id);
    }

    @GetMapping("/media-upload")
    Map<String, Object> uploads() throws InterruptedException {
        faults.apply("/media-upload");
        return Map.of("uploads", jdbc.queryForObject("SELECT COUNT(*) FROM media", Long.class));
    }

    @GetMapping("/bookings")
    List<Map<String, Object>> bookings() throws InterruptedException {
        faults.apply("/bookings");
        long slowQueryMs = faults.slowQueryMs("/bookings");
        if (slowQueryMs > 0) {
            jdbc.update("CALL SLEEP_MS(?)", slowQueryMs);
        }
        return cache.get("all", () -> jdbc.queryForList("SELECT id, customer, slot FROM bookings ORDER BY id"));
    }

    @GetMapping("/bookings/{id}")
    ResponseEntity<Map<String, Object>> booking(@PathVariable long id) throws InterruptedException {
        faults.apply("/bookings");
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT id, customer, slot FROM bookings WHERE id = ?", id);
        return rows.isEmpty() ? ResponseEntity.notFound().build() : ResponseEntity.ok(rows.get(0));
    }

    @GetMapping("/portal")
    Map<String, Object> portal() throws InterruptedException {
        faults.apply("/portal");
        return Map.of("portal", "ok");
    }

    @ExceptionHandler(FaultSwitch.InjectedFault.class)
    ResponseEntity<Map<String, String>> injected(FaultSwitch.InjectedFault fault) {
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(Map.of("error", "internal_error", "message", fault.getMessage()));
    }
}

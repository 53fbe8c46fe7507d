package dev.vigil.example.jaxrs;

import java.net.URI;
import java.util.List;
import java.util.Map;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The example's own routes: {@code GET /items}, {@code GET /items/{id}}, {@code POST /items}. Registered as
 * a class, it finds the {@link Inventory} in the application's properties, as {@code MonitorFeature} finds
 * Vigil's API.
 */
@Path("items")
@Produces(MediaType.APPLICATION_JSON)
public final class InventoryResource {

    /** The application property that holds the {@link Inventory}. */
    static final String INVENTORY_PROPERTY = Inventory.class.getName();

    /** The body of {@code POST /items}. */
    public record NewItem(String name, Integer stock) {
    }

    private final Inventory inventory;

    /** A resource on the application's inventory. */
    public InventoryResource(@Context Configuration configuration) {
        this.inventory = (Inventory) configuration.getProperty(INVENTORY_PROPERTY);
    }

    /** Every item. */
    @GET
    public List<Inventory.Item> list() {
        return inventory.all();
    }

    /** One item, or 404. */
    @GET
    @Path("{id: [0-9]{1,18}}")
    public Response find(@PathParam("id") long id) {
        return inventory.find(id)
                .map(item -> Response.ok(item))
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).entity(Map.of("error", "no item " + id)))
                .build();
    }

    /** Adds an item: {@code {"name": "cable", "stock": 40}}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(NewItem item) {
        if (item == null || item.name() == null || item.name().isBlank() || item.stock() == null || item.stock() < 0) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Map.of("error", "an item needs a name and a stock of 0 or more")).build();
        }
        Inventory.Item added = inventory.add(item.name().strip(), item.stock());
        return Response.created(URI.create("/items/" + added.id())).entity(added).build();
    }
}

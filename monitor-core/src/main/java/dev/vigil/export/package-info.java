/**
 * Vigil's state exported into the host's Micrometer registry: {@link dev.vigil.export.MonitorGauges}.
 */
package dev.vigil.export;

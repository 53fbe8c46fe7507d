/**
 * Email delivery of Vigil alerts over SMTP: {@link dev.vigil.alert.email.EmailAlertSink}, built on
 * Jakarta Mail (Eclipse Angus).
 */
package dev.vigil.alert.email;

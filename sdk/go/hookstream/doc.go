// Manage hookstream.io notification channels and alert rules.
package hookstream

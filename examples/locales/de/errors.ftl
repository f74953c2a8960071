# Die Fehlermeldungen der API auf Deutsch, je Code.

AUTH_NOT_AUTHENTICATED = Anmeldung erforderlich
    .title = Anmeldung erforderlich
AUTH_TOKEN_EXPIRED = Das Anmeldetoken ist abgelaufen
    .title = Das Anmeldetoken ist abgelaufen
AUTH_TOKEN_INVALID = Ungültiges Anmeldetoken
    .title = Ungültiges Anmeldetoken
AUTH_TOKEN_INVALID_FORMAT = Das Token hat ein ungültiges Format: erwartet wird `Authorization: Bearer tok_...`
    .title = Das Token hat ein ungültiges Format
AUTH_FORBIDDEN = Unzureichende Berechtigungen: dafür ist der Scope `{ $required_scope }` nötig
    .title = Unzureichende Berechtigungen

VALIDATION_FAILED = Die Eingabe ist ungültig
    .title = Die Eingabe ist ungültig
VALIDATION_IDEMPOTENCY_KEY_INVALID = Ungültiger Idempotenzschlüssel: { $reason }
    .title = Ungültiger Idempotenzschlüssel
INVALID_PARAMETER = Ungültiger Parameter `{ $name }`
    .title = Ungültiger Parameter

ORDER_NOT_FOUND = Bestellung nicht gefunden
    .title = Bestellung nicht gefunden
ORDER_NOT_PENDING = Die Bestellung { $order_id } wartet nicht mehr auf Bestätigung
    .title = Die Bestellung wartet nicht auf Bestätigung
ORDER_NOT_OWNER = Die Bestellung gehört jemand anderem
    .title = Nicht der Eigentümer der Bestellung
ORDER_EXPIRED = Die Bestellung { $order_id } ist abgelaufen
    .title = Die Bestellung ist abgelaufen
ORDER_NOT_COMPLETED = Die Bestellung { $order_id } ist nicht abgeschlossen
    .title = Die Bestellung ist nicht abgeschlossen
ORDER_FILE_NOT_UPLOADED = Zur Bestellung { $order_id } gibt es keine Datei: bitte zuerst hochladen
    .title = Die Datei der Bestellung wurde nicht hochgeladen
ORDER_ALREADY_CONFIRMED = Die Bestellung { $order_id } ist bereits bestätigt
    .title = Die Bestellung ist bereits bestätigt
ORDER_ALREADY_COMPLETED = Die Bestellung { $order_id } ist bereits abgeschlossen
    .title = Die Bestellung ist bereits abgeschlossen
ORDER_ALREADY_FAILED = Die Bestellung { $order_id } ist bereits fehlgeschlagen
    .title = Die Bestellung ist bereits fehlgeschlagen
ORDER_TYPE_NOT_MATCH = Falscher Bestelltyp: nötig ist eine Bestellung vom Typ `{ $expected }`, nicht `{ $found }`
    .title = Der Bestelltyp passt nicht
ORDER_TYPE_CANT_DOWNLOAD = Bestellungen vom Typ `{ $order_type }` können nicht heruntergeladen werden
    .title = Dieser Bestelltyp kann nicht heruntergeladen werden
ORDER_TIMEOUT = Die Verarbeitung der Bestellung { $order_id } hat zu lange gedauert
    .title = Zeitüberschreitung bei der Verarbeitung

USAGE_LIMIT_EXCEEDED = Nutzungslimit erreicht: alle { $quota } { $resource ->
        [units] Einheiten
        [webhooks] Webhooks
       *[other] { $resource }
    } des Tarifs `{ $plan }` sind verbraucht
    .title = Nutzungslimit erreicht
USAGE_NOT_ENOUGH = { $remaining ->
        [one] Kontingent reicht nicht: { $required } Einheiten nötig, nur noch eine übrig
       *[other] Kontingent reicht nicht: { $required } Einheiten nötig, { $remaining } übrig
    }
    .title = Kontingent reicht nicht
PLAN_NOT_FOUND = Tarif nicht gefunden
    .title = Tarif nicht gefunden

WEBHOOK_NOT_FOUND = Webhook nicht gefunden
    .title = Webhook nicht gefunden

RATE_LIMIT_EXCEEDED = { $retry_after ->
        [one] Zu viele Anfragen: bitte in einer Sekunde erneut versuchen
       *[other] Zu viele Anfragen: bitte in { $retry_after } Sekunden erneut versuchen
    }
    .title = Zu viele Anfragen

SERVER_INTERNAL_ERROR = Interner Serverfehler
    .title = Interner Serverfehler

UNSUPPORTED_MEDIA_TYPE = Nicht unterstützter Medientyp
    .title = Der Anfrageinhalt hat den falschen Medientyp
CONTENT_TOO_LARGE = Der Anfrageinhalt ist größer als 2 MiB
    .title = Der Anfrageinhalt ist zu groß
NOT_FOUND = Nicht gefunden
    .title = Unter diesem Pfad gibt es nichts
METHOD_NOT_ALLOWED = Methode nicht erlaubt
    .title = Diese Route nimmt diese Methode nicht an

# Feldverletzungen, nach ihrem Grund formuliert.
violation-required = Dieses Feld ist erforderlich
violation-type = Dieser Wert hat den falschen Typ
violation-enum = Dieser Wert ist nicht erlaubt
violation-length = Die Länge muss zwischen { $min } und { $max } liegen
    .min = Die Länge muss mindestens { $min } betragen
    .max = Die Länge darf höchstens { $max } betragen
    .exactly = Die Länge muss genau { $equal } betragen
violation-range = Muss zwischen { $min } und { $max } liegen
    .min = Muss mindestens { $min } sein
    .max = Darf höchstens { $max } sein
    .exactly = Muss genau { $equal } sein
violation-format = Dieser Wert hat nicht die verlangte Form
violation-unknown_field = Dieses Feld ist nicht erlaubt
violation-syntax = Der Inhalt ist hier nicht wohlgeformt
violation-invalid = Dieser Wert ist ungültig

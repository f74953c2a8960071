# Les messages d'erreur de l'API en français, par code.

AUTH_NOT_AUTHENTICATED = Authentification requise
    .title = Authentification requise
AUTH_TOKEN_EXPIRED = Le jeton d'authentification a expiré
    .title = Le jeton d'authentification a expiré
AUTH_TOKEN_INVALID = Jeton d'authentification invalide
    .title = Jeton d'authentification invalide
AUTH_TOKEN_INVALID_FORMAT = Le format du jeton est invalide : `Authorization: Bearer tok_...` attendu
    .title = Le format du jeton est invalide
AUTH_FORBIDDEN = Droits insuffisants : il faut la portée `{ $required_scope }`
    .title = Droits insuffisants

VALIDATION_FAILED = Les données envoyées ne sont pas valides
    .title = Les données envoyées ne sont pas valides
VALIDATION_IDEMPOTENCY_KEY_INVALID = Clé d'idempotence invalide : { $reason }
    .title = Clé d'idempotence invalide
INVALID_PARAMETER = Paramètre `{ $name }` invalide
    .title = Paramètre invalide

ORDER_NOT_FOUND = Commande introuvable
    .title = Commande introuvable
ORDER_NOT_PENDING = La commande { $order_id } n'est plus en attente
    .title = La commande n'est pas en attente
ORDER_NOT_OWNER = Cette commande appartient à quelqu'un d'autre
    .title = Vous n'êtes pas le propriétaire de la commande
ORDER_EXPIRED = La commande { $order_id } a expiré
    .title = La commande a expiré
ORDER_NOT_COMPLETED = La commande { $order_id } n'est pas terminée
    .title = La commande n'est pas terminée
ORDER_FILE_NOT_UPLOADED = La commande { $order_id } n'a pas de fichier : envoyez-le d'abord
    .title = Le fichier de la commande n'a pas été envoyé
ORDER_ALREADY_CONFIRMED = La commande { $order_id } est déjà confirmée
    .title = La commande est déjà confirmée
ORDER_ALREADY_COMPLETED = La commande { $order_id } est déjà terminée
    .title = La commande est déjà terminée
ORDER_ALREADY_FAILED = La commande { $order_id } a déjà échoué
    .title = La commande a déjà échoué
ORDER_TYPE_NOT_MATCH = Type de commande incorrect : il faut une commande `{ $expected }`, pas `{ $found }`
    .title = Le type de commande ne correspond pas
ORDER_TYPE_CANT_DOWNLOAD = Les commandes de type `{ $order_type }` ne se téléchargent pas
    .title = Ce type de commande ne peut pas être téléchargé
ORDER_TIMEOUT = Le traitement de la commande { $order_id } a pris trop de temps
    .title = Le traitement de la commande a expiré

USAGE_LIMIT_EXCEEDED = Limite d'utilisation atteinte : l'offre `{ $plan }` ne permet pas plus de { $quota } { $resource ->
        [units] unités
        [webhooks] webhooks
       *[other] { $resource }
    }
    .title = Limite d'utilisation atteinte
USAGE_NOT_ENOUGH = { $remaining ->
        [one] Quota insuffisant : { $required } unités nécessaires, il en reste une
       *[other] Quota insuffisant : { $required } unités nécessaires, il en reste { $remaining }
    }
    .title = Quota insuffisant
PLAN_NOT_FOUND = Offre introuvable
    .title = Offre introuvable

WEBHOOK_NOT_FOUND = Webhook introuvable
    .title = Webhook introuvable

RATE_LIMIT_EXCEEDED = { $retry_after ->
        [one] Trop de requêtes : réessayez dans une seconde
       *[other] Trop de requêtes : réessayez dans { $retry_after } secondes
    }
    .title = Trop de requêtes

SERVER_INTERNAL_ERROR = Erreur interne du serveur
    .title = Erreur interne du serveur

UNSUPPORTED_MEDIA_TYPE = Type de média non pris en charge
    .title = Le corps de la requête n'a pas le bon type de média
CONTENT_TOO_LARGE = Le corps de la requête dépasse la limite de 2 Mio
    .title = Le corps de la requête est trop grand
NOT_FOUND = Introuvable
    .title = Rien à ce chemin
METHOD_NOT_ALLOWED = Méthode non autorisée
    .title = Cette route n'accepte pas cette méthode

# Violations de champ, formulées selon leur raison.
violation-required = Ce champ est obligatoire
violation-type = Cette valeur n'est pas du bon type
violation-enum = Cette valeur n'est pas permise
violation-length = La longueur doit être comprise entre { $min } et { $max }
    .min = La longueur doit être d'au moins { $min }
    .max = La longueur doit être d'au plus { $max }
    .exactly = La longueur doit être exactement { $equal }
violation-range = Doit être compris entre { $min } et { $max }
    .min = Doit être au moins { $min }
    .max = Doit être au plus { $max }
    .exactly = Doit être exactement { $equal }
violation-format = Cette valeur n'a pas la forme attendue
violation-unknown_field = Ce champ n'est pas permis
violation-syntax = Le contenu est mal formé à cet endroit
violation-invalid = Cette valeur n'est pas valide

# رسائل أخطاء الواجهة بالعربية، لكل رمز رسالته.
# العربية تُكتب من اليمين إلى اليسار، فتُحاط كل قيمة بعلامتي العزل U+2068 وU+2069.

AUTH_NOT_AUTHENTICATED = يلزم تسجيل الدخول
    .title = يلزم تسجيل الدخول
AUTH_TOKEN_EXPIRED = انتهت صلاحية رمز الدخول
    .title = انتهت صلاحية رمز الدخول
AUTH_TOKEN_INVALID = رمز الدخول غير صالح
    .title = رمز الدخول غير صالح
AUTH_TOKEN_INVALID_FORMAT = صيغة الرمز غير صالحة: المتوقع `Authorization: Bearer tok_...`
    .title = صيغة الرمز غير صالحة
AUTH_FORBIDDEN = صلاحيات غير كافية: يلزم النطاق `{ $required_scope }`
    .title = صلاحيات غير كافية

VALIDATION_FAILED = البيانات المرسلة غير صالحة
    .title = البيانات المرسلة غير صالحة
VALIDATION_IDEMPOTENCY_KEY_INVALID = مفتاح عدم التكرار غير صالح: { $reason }
    .title = مفتاح عدم التكرار غير صالح
INVALID_PARAMETER = المعامل `{ $name }` غير صالح
    .title = معامل غير صالح

ORDER_NOT_FOUND = الطلب غير موجود
    .title = الطلب غير موجود
ORDER_NOT_PENDING = الطلب { $order_id } لم يعد قيد الانتظار
    .title = الطلب ليس قيد الانتظار
ORDER_NOT_OWNER = هذا الطلب ليس لك
    .title = لست صاحب الطلب
ORDER_EXPIRED = انتهت صلاحية الطلب { $order_id }
    .title = انتهت صلاحية الطلب
ORDER_NOT_COMPLETED = الطلب { $order_id } لم يكتمل
    .title = الطلب لم يكتمل
ORDER_FILE_NOT_UPLOADED = لا يوجد ملف للطلب { $order_id }: ارفعه أولًا
    .title = لم يُرفع ملف الطلب
ORDER_ALREADY_CONFIRMED = الطلب { $order_id } مؤكَّد من قبل
    .title = الطلب مؤكَّد من قبل
ORDER_ALREADY_COMPLETED = الطلب { $order_id } مكتمل من قبل
    .title = الطلب مكتمل من قبل
ORDER_ALREADY_FAILED = الطلب { $order_id } فشل من قبل
    .title = الطلب فشل من قبل
ORDER_TYPE_NOT_MATCH = نوع الطلب غير مطابق: يلزم طلب من النوع `{ $expected }` لا `{ $found }`
    .title = نوع الطلب غير مطابق
ORDER_TYPE_CANT_DOWNLOAD = لا يمكن تنزيل الطلبات من النوع `{ $order_type }`
    .title = لا يمكن تنزيل هذا النوع من الطلبات
ORDER_TIMEOUT = استغرقت معالجة الطلب { $order_id } وقتًا أطول من المسموح
    .title = انتهت مهلة معالجة الطلب

USAGE_LIMIT_EXCEEDED = بلغت حد الاستخدام: استُهلكت كل الوحدات ({ $quota } { $resource }) في الباقة `{ $plan }`
    .title = بلغت حد الاستخدام
USAGE_NOT_ENOUGH = الرصيد غير كافٍ: يلزم { $required } وحدة، والمتبقي { $remaining }
    .title = الرصيد غير كافٍ
PLAN_NOT_FOUND = الباقة غير موجودة
    .title = الباقة غير موجودة

WEBHOOK_NOT_FOUND = خطاف الويب غير موجود
    .title = خطاف الويب غير موجود

RATE_LIMIT_EXCEEDED = طلبات كثيرة جدًا: أعد المحاولة بعد { $retry_after } ثانية
    .title = طلبات كثيرة جدًا

SERVER_INTERNAL_ERROR = خطأ داخلي في الخادم
    .title = خطأ داخلي في الخادم

UNSUPPORTED_MEDIA_TYPE = نوع الوسائط غير مدعوم
    .title = نوع وسائط جسم الطلب غير صحيح
CONTENT_TOO_LARGE = جسم الطلب أكبر من الحد المسموح (2 MiB)
    .title = جسم الطلب كبير جدًا
NOT_FOUND = غير موجود
    .title = لا يوجد شيء في هذا المسار
METHOD_NOT_ALLOWED = الطريقة غير مسموح بها
    .title = هذا المسار لا يقبل هذه الطريقة

# مخالفات الحقول، بحسب سببها.
violation-required = هذا الحقل مطلوب
violation-type = نوع هذه القيمة غير صحيح
violation-enum = هذه القيمة غير مسموح بها
violation-length = يجب أن يكون الطول بين { $min } و { $max }
    .min = يجب ألا يقل الطول عن { $min }
    .max = يجب ألا يزيد الطول عن { $max }
    .exactly = يجب أن يكون الطول { $equal } تمامًا
violation-range = يجب أن تكون القيمة بين { $min } و { $max }
    .min = يجب ألا تقل القيمة عن { $min }
    .max = يجب ألا تزيد القيمة عن { $max }
    .exactly = يجب أن تكون القيمة { $equal } تمامًا
violation-format = هذه القيمة ليست بالصيغة المطلوبة
violation-unknown_field = هذا الحقل غير مسموح به
violation-syntax = المحتوى غير سليم البنية هنا
violation-invalid = هذه القيمة غير صالحة

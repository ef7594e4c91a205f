page "quiz" {
  title = { en = "Check what you know", ar = "اختبر معلوماتك" },
  paragraph {
    en = "Two short questions. There is no score: choose an answer to see a short explanation.",
    ar = "سؤالان قصيران بلا درجات: اختر إجابة لترى شرحًا قصيرًا.",
  },
  quiz {
    question = { en = "Where do the injections go?", ar = "إلى أين تصل الحقن؟" },
    choices = {
      {
        text = { en = "Into the muscle", ar = "إلى العضلة" },
        feedback = { en = "Not the muscle: they go into the middle layer of the skin. See \"What is mesotherapy?\".", ar = "ليس إلى العضلة، بل إلى الطبقة الوسطى من الجلد. راجع صفحة «ما هو الميزوثيرابي؟»." },
      },
      {
        text = { en = "Into the middle layer of the skin", ar = "إلى الطبقة الوسطى من الجلد" },
        correct = true,
        feedback = { en = "Yes: that layer is where the treatment is given.", ar = "نعم، في هذه الطبقة يُعطى العلاج." },
      },
    },
  },
  quiz {
    question = { en = "Your lips start to swell after a session. What should you do?", ar = "بدأت شفتاك تتورمان بعد الجلسة. ماذا تفعل؟" },
    choices = {
      {
        text = { en = "Wait a week and see", ar = "أنتظر أسبوعًا لأرى" },
        feedback = { en = "Please don't wait: swelling of the lips can be a serious allergic reaction. See \"When to call us\".", ar = "لا تنتظر من فضلك، فتورّم الشفتين قد يكون رد فعل تحسسيًا خطيرًا. راجع صفحة «متى تتصل بنا»." },
      },
      {
        text = { en = "Get help at once", ar = "أطلب المساعدة فورًا" },
        correct = true,
        feedback = { en = "Right: tell staff or call emergency services straight away.", ar = "صحيح: أخبر الموظفين أو اتصل بالإسعاف فورًا." },
      },
    },
  },
  button { to = "home", label = { en = "Back to the start", ar = "العودة إلى البداية" }, style = "secondary" },
}

-- A short quiz with no score. Wrong answers point gently to the page that
-- explains, by its title in quotes.
page "quiz" {
  title = { en = "Check your understanding", ar = "اختبر فهمك", fr = "Vérifiez vos connaissances" },

  image {
    "images/quiz.svg",
    alt = {
      en = "A checklist with ticks next to each line.",
      ar = "قائمة تحقق بجانب كل سطر فيها علامة صح.",
      fr = "Une liste avec une coche à côté de chaque ligne.",
    },
    caption = {
      en = "No score, no hurry.",
      ar = "لا درجات ولا عجلة.",
      fr = "Pas de note, prenez votre temps.",
    },
  },

  paragraph {
    en = "Here are 7 short questions. Choose an answer to see a short explanation. You can change your answer at any time.",
    ar = "إليك 7 أسئلة قصيرة. اختر إجابة لترى شرحًا قصيرًا. ويمكنك تغيير إجابتك متى شئت.",
    fr = "Voici 7 questions courtes. Choisissez une réponse pour voir une brève explication. Vous pouvez changer de réponse à tout moment.",
  },

  -- 1. Where the injections go
  quiz {
    question = { en = "Where do the injections go?", ar = "إلى أين تصل الحقن؟", fr = "Où se font les injections ?" },
    choices = {
      {
        text = { en = "Into a muscle", ar = "إلى العضلة", fr = "Dans un muscle" },
        feedback = {
          en = "They go less deep: into the middle layer of the skin. See \"What is mesotherapy?\".",
          ar = "الحقن أقل عمقًا من ذلك، فهي تصل إلى الطبقة الوسطى من الجلد. راجع صفحة «ما هو الميزوثيرابي؟».",
          fr = "Elles sont moins profondes : dans la couche du milieu de la peau. Voir « Qu’est-ce que la mésothérapie ? ».",
        },
      },
      {
        text = { en = "Into the skin's middle layer", ar = "إلى الطبقة الوسطى من الجلد", fr = "Au milieu de la peau" },
        correct = true,
        feedback = {
          en = "The treatment is given with many small injections into the middle layer of the skin.",
          ar = "يُعطى العلاج بحقن صغيرة كثيرة في الطبقة الوسطى من الجلد.",
          fr = "Le traitement se fait par de nombreuses petites injections dans la couche du milieu de la peau.",
        },
      },
      {
        text = { en = "Into a vein", ar = "إلى الوريد", fr = "Dans une veine" },
        feedback = {
          en = "The injections do not go into a vein. They go into the middle layer of the skin. See \"What is mesotherapy?\".",
          ar = "لا تُعطى الحقن في الوريد، بل في الطبقة الوسطى من الجلد. راجع صفحة «ما هو الميزوثيرابي؟».",
          fr = "Les injections ne se font pas dans une veine, mais dans la couche du milieu de la peau. Voir « Qu’est-ce que la mésothérapie ? ».",
        },
      },
    },
  },

  -- 2. What cellulite is
  quiz {
    question = { en = "What is cellulite?", ar = "ما هو السيلوليت؟", fr = "Qu’est-ce que la cellulite ?" },
    choices = {
      {
        text = { en = "A skin infection", ar = "عدوى في الجلد", fr = "Une infection de la peau" },
        feedback = {
          en = "Cellulite is not an infection, and it is very common. See \"What is cellulite?\".",
          ar = "السيلوليت ليس عدوى، وهو شائع جدًا. راجع صفحة «ما هو السيلوليت؟».",
          fr = "La cellulite n’est pas une infection, et elle est très fréquente. Voir « Qu’est-ce que la cellulite ? ».",
        },
      },
      {
        text = { en = "Fat pushing up under the skin", ar = "دهون تضغط على الجلد من تحته", fr = "De la graisse sous la peau" },
        correct = true,
        feedback = {
          en = "Fat pushes up between bands of tissue under the skin. This makes the surface look dimpled.",
          ar = "تندفع الدهون إلى الأعلى بين أشرطة من النسيج تحت الجلد، فيبدو سطح الجلد غير مستوٍ وفيه نُقَر صغيرة.",
          fr = "La graisse pousse vers le haut entre des bandes de tissu sous la peau. La surface prend alors un aspect de « peau d’orange ».",
        },
      },
    },
  },

  -- 3. Sessions and when results show
  quiz {
    question = { en = "When do results usually show?", ar = "متى تظهر النتائج عادةً؟", fr = "Quand les résultats apparaissent-ils, en général ?" },
    choices = {
      {
        text = { en = "Right after one session", ar = "بعد جلسة واحدة مباشرة", fr = "Juste après une séance" },
        feedback = {
          en = "Changes come slowly, over weeks, and most people need several sessions. See \"How many sessions?\".",
          ar = "تظهر التغيّرات ببطء خلال أسابيع، ويحتاج معظم الناس إلى عدة جلسات. راجع صفحة «كم جلسة أحتاج؟».",
          fr = "Les changements arrivent lentement, en quelques semaines, et il faut souvent plusieurs séances. Voir « Combien de séances ? ».",
        },
      },
      {
        text = { en = "Slowly, over several weeks", ar = "ببطء، على مدى عدة أسابيع", fr = "Peu à peu, en quelques semaines" },
        correct = true,
        feedback = {
          en = "Changes often show after 2 to 4 weeks, over a course of several sessions. Your clinician can tell you how many you may need.",
          ar = "تظهر التغيّرات غالبًا بعد 2 إلى 4 أسابيع، على مدى عدة جلسات. ويستطيع طبيبك أن يخبرك بعدد الجلسات التي قد تحتاجها.",
          fr = "Les changements se voient souvent après 2 à 4 semaines, au fil de plusieurs séances. Votre praticien peut vous dire combien il vous en faudra.",
        },
      },
    },
  },

  -- 4. What side effects are normal
  quiz {
    question = {
      en = "You have a small bruise after a session. What is usual?",
      ar = "ظهرت لديك كدمة صغيرة بعد الجلسة. ما المعتاد؟",
      fr = "Vous avez un petit bleu après une séance. Qu’est-ce qui est habituel ?",
    },
    choices = {
      {
        text = { en = "It fades in 7 to 10 days", ar = "تزول خلال 7 إلى 10 أيام", fr = "Il s’efface en 7 à 10 jours" },
        correct = true,
        feedback = {
          en = "Small bruises are common and usually fade within 7 to 10 days. Call us if pain or redness gets worse.",
          ar = "الكدمات الصغيرة شائعة، وتزول عادةً خلال 7 إلى 10 أيام. اتصل بنا إذا ازداد الألم أو الاحمرار.",
          fr = "Les petits bleus sont fréquents et s’effacent en général en 7 à 10 jours. Appelez-nous si la douleur ou la rougeur augmente.",
        },
      },
      {
        text = { en = "It means something is wrong", ar = "تعني أن هناك خطأ ما", fr = "C’est le signe d’un problème" },
        feedback = {
          en = "A small bruise on its own is common and not a worry. It usually fades within 7 to 10 days. See \"Side effects: what is normal\".",
          ar = "الكدمة الصغيرة وحدها شائعة ولا تدعو للقلق، وتزول عادةً خلال 7 إلى 10 أيام. راجع صفحة «الآثار الجانبية: ما الطبيعي منها».",
          fr = "Un petit bleu seul est fréquent et sans gravité. Il s’efface en général en 7 à 10 jours. Voir « Effets secondaires : ce qui est normal ».",
        },
      },
    },
  },

  -- 5. An emergency sign
  quiz {
    question = {
      en = "After a session, your lips start to swell. What should you do?",
      ar = "بعد الجلسة، بدأت شفتاك تتورّمان. ماذا تفعل؟",
      fr = "Après une séance, vos lèvres commencent à gonfler. Que faites-vous ?",
    },
    choices = {
      {
        text = { en = "Wait a few days", ar = "أنتظر بضعة أيام", fr = "J’attends quelques jours" },
        feedback = {
          en = "Please don't wait. Swollen lips or trouble breathing can be a serious allergic reaction. The red \"When to call us\" button at the top tells you more.",
          ar = "لا تنتظر من فضلك، فتورّم الشفتين أو صعوبة التنفس قد يكون رد فعل تحسسيًا خطيرًا. ويخبرك الزر الأحمر «متى تتصل بنا» في أعلى الشاشة بالمزيد.",
          fr = "N’attendez pas. Des lèvres qui gonflent ou une gêne pour respirer peuvent signaler une allergie grave. Le bouton rouge « Quand nous appeler », en haut de l’écran, vous en dit plus.",
        },
      },
      {
        text = { en = "Get help at once", ar = "أطلب المساعدة فورًا", fr = "Je demande de l’aide aussitôt" },
        correct = true,
        feedback = {
          en = "Call emergency services now. If you are in the clinic, tell a member of staff straight away.",
          ar = "اتصل بالإسعاف فورًا. وإذا كنت في العيادة فأخبر أحد الموظفين في الحال.",
          fr = "Appelez les secours tout de suite. Si vous êtes à la clinique, prévenez aussitôt un membre du personnel.",
        },
      },
      {
        text = { en = "Put some cream on", ar = "أضع بعض الكريم", fr = "Je mets de la crème" },
        feedback = {
          en = "Cream will not help here. Swollen lips can be a serious allergic reaction: get help at once. The red \"When to call us\" button at the top tells you more.",
          ar = "الكريم لن يفيد هنا. تورّم الشفتين قد يكون رد فعل تحسسيًا خطيرًا، فاطلب المساعدة فورًا. ويخبرك الزر الأحمر «متى تتصل بنا» في أعلى الشاشة بالمزيد.",
          fr = "Une crème ne suffit pas. Des lèvres qui gonflent peuvent signaler une allergie grave : demandez de l’aide aussitôt. Le bouton rouge « Quand nous appeler », en haut de l’écran, vous en dit plus.",
        },
      },
    },
  },

  -- 6. Results vary
  quiz {
    question = {
      en = "Does mesotherapy give everyone the same result?",
      ar = "هل يحصل الجميع على النتيجة نفسها من الميزوثيرابي؟",
      fr = "La mésothérapie donne-t-elle le même résultat à tout le monde ?",
    },
    choices = {
      {
        text = { en = "Yes, always the same", ar = "نعم، النتيجة نفسها دائمًا", fr = "Oui, toujours le même" },
        feedback = {
          en = "Results differ from person to person, and research on mesotherapy is still limited. See \"How it works\".",
          ar = "تختلف النتائج من شخص لآخر، وما زالت الأبحاث عن الميزوثيرابي محدودة. راجع صفحة «كيف يعمل الميزوثيرابي؟».",
          fr = "Les résultats varient d’une personne à l’autre, et les études sur la mésothérapie restent limitées. Voir « Comment ça marche ? ».",
        },
      },
      {
        text = { en = "No, results vary", ar = "لا، النتائج تختلف", fr = "Non, les résultats varient" },
        correct = true,
        feedback = {
          en = "Results differ from person to person, and some people see little change. Your clinician can tell you what is realistic for you.",
          ar = "تختلف النتائج من شخص لآخر، وقد لا يلاحظ بعض الناس إلا تغيّرًا بسيطًا. ويستطيع طبيبك أن يخبرك بما يمكن توقعه في حالتك.",
          fr = "Les résultats varient d’une personne à l’autre, et certaines personnes voient peu de changement. Votre praticien peut vous dire ce qui est réaliste pour vous.",
        },
      },
    },
  },

  -- 7. Diet and exercise help results last
  quiz {
    question = { en = "What helps results last?", ar = "ما الذي يساعد على أن تدوم النتائج؟", fr = "Qu’est-ce qui aide les résultats à durer ?" },
    choices = {
      {
        text = { en = "Resting and moving less", ar = "الراحة وقلة الحركة", fr = "Se reposer et moins bouger" },
        feedback = {
          en = "Moving more helps, not less. A healthy diet and regular exercise help results last. See \"Aftercare and lifestyle\".",
          ar = "الحركة هي التي تساعد لا قلتها. فالغذاء الصحي والرياضة المنتظمة يساعدان على أن تدوم النتائج. راجع صفحة «العناية بعد العلاج ونمط الحياة».",
          fr = "C’est plutôt bouger plus qui aide. Une alimentation saine et une activité régulière aident les résultats à durer. Voir « Soins après traitement et hygiène de vie ».",
        },
      },
      {
        text = { en = "A healthy diet and exercise", ar = "غذاء صحي ورياضة منتظمة", fr = "Bien manger et bouger" },
        correct = true,
        feedback = {
          en = "Eating well, drinking water and staying active all help. They may also help stop cellulite coming back.",
          ar = "الأكل الصحي وشرب الماء والبقاء نشيطًا كلها أمور تساعد، وقد تقلل أيضًا من عودة السيلوليت.",
          fr = "Bien manger, boire de l’eau et rester actif, tout cela aide. Cela peut aussi limiter le retour de la cellulite.",
        },
      },
      {
        text = { en = "Nothing: they last forever", ar = "لا شيء، فالنتائج دائمة", fr = "Rien : ils sont définitifs" },
        feedback = {
          en = "Results may not last on their own. A healthy diet and regular exercise help them last. See \"Aftercare and lifestyle\".",
          ar = "قد لا تدوم النتائج من تلقاء نفسها، والغذاء الصحي والرياضة المنتظمة يساعدان على أن تدوم. راجع صفحة «العناية بعد العلاج ونمط الحياة».",
          fr = "Les résultats ne durent pas toujours d’eux-mêmes. Une alimentation saine et une activité régulière les aident à durer. Voir « Soins après traitement et hygiène de vie ».",
        },
      },
    },
  },

  button { to = "about", label = { en = "Next: about this guide", ar = "التالي: عن هذا الدليل", fr = "Suite : à propos" } },
}

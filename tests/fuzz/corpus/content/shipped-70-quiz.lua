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
    question = { en = "Where do the injections go?", ar = "إلى أين تصل الحقن؟", fr = "Où se font les injections ?" },
    choices = {
      {
        text = { en = "Into a muscle", ar = "إلى العضلة", fr = "Dans un muscle" },
        feedback = {
          en = "They go less deep: into the middle layer of the skin. See \"What is mesotherapy?\".",
          ar = "الحقن أقل عمقًا من ذلك، فهي تصل إلى الطبقة الوسطى من الجلد. راجع صفحة «ما هو الميزوثيرابي؟».",
          fr = "Elles sont moins profondes : dans la couche du milieu de la peau. Voir « Qu’est-ce que la mésothérapie ? ».",
        },
      },
      {
        text = { en = "Into the skin's middle layer", ar = "إلى الطبقة الوسطى من الجلد", fr = "Dans la couche du milieu de la peau" },
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
          fr = "Les injections ne se font pas dans une veine, mais dans la couche du milieu de la peau. Voir « Qu’est-ce que la mésothérapie ? ».",
        },
      },
    },
  },

  -- 2. What cellulite is
  quiz {
    question = { en = "What is cellulite?", ar = "ما هو السيلوليت؟", fr = "Qu’est-ce que la cellulite ?" },
    choices = {
      {
        text = { en = "A skin infection", ar = "عدوى في الجلد", fr = "Une infection de la peau" },
        feedback = {
          en = "Cellulite is not an infection, and it is very common. See \"What is cellulite?\".",
          ar = "السيلوليت ليس عدوى، وهو شائع جدًا. راجع صفحة «ما هو السيلوليت؟».",
          fr = "La cellulite n’est pas une infection, et elle est très fréquente. Voir « Qu’est-ce que la cellulite ? ».",
        },
      },
      {
        text = { en = "Fat pushing up under the skin", ar = "دهون تضغط على الجلد من تحته", fr = "De la graisse qui pousse vers le haut sous la peau" },
        correct = true,
        feedback = {
          en = "Fat pushes up between bands of tissue under the skin. This makes the surface look dimpled. It is very common and not harmful.",
          ar = "تندفع الدهون إلى الأعلى بين أشرطة من النسيج تحت الجلد، فيبدو سطح الجلد غير مستوٍ وفيه نُقَر صغيرة. وهو شائع جدًا وغير ضار.",
          fr = "La graisse pousse vers le haut entre des bandes de tissu sous la peau. La surface prend alors un aspect de « peau d’orange ». C’est très fréquent et sans danger.",
        },
      },
    },
  },

  -- 3. What to expect from the treatment
  quiz {
    question = {
      en = "Can you count on smoother skin after a few weeks?",
      ar = "هل يمكنك أن تعتمد على أن يصبح جلدك أنعم بعد بضعة أسابيع؟",
      fr = "Pouvez-vous compter sur une peau plus lisse après quelques semaines ?",
    },
    choices = {
      {
        text = { en = "Yes, after 2 to 4 weeks", ar = "نعم، بعد 2 إلى 4 أسابيع", fr = "Oui, après 2 à 4 semaines" },
        feedback = {
          en = "Some web articles say so, but good studies have not shown it. See \"How many sessions?\".",
          ar = "تقول ذلك بعض المقالات على الإنترنت، لكن الدراسات الجيدة لم تُثبته. راجع صفحة «كم جلسة أحتاج؟».",
          fr = "Certains articles en ligne le disent, mais les études sérieuses ne l’ont pas montré. Voir « Combien de séances ? ».",
        },
      },
      {
        text = { en = "No: results vary", ar = "لا، فالنتائج تختلف", fr = "Non : les résultats varient" },
        correct = true,
        feedback = {
          en = "Results vary, and good studies have not shown a reliable benefit. Some people see no change at all.",
          ar = "تختلف النتائج، ولم تُثبت الدراسات الجيدة فائدة يمكن الاعتماد عليها. وبعض الناس لا يلاحظون أي تغيير.",
          fr = "Les résultats varient, et les études sérieuses n’ont pas montré de bénéfice fiable. Certaines personnes ne voient aucun changement.",
        },
      },
      {
        text = { en = "Yes, after one session", ar = "نعم، بعد جلسة واحدة", fr = "Oui, après une séance" },
        feedback = {
          en = "No. Good studies have not shown a reliable benefit, even after many sessions. See \"How it works\".",
          ar = "لا. لم تُثبت الدراسات الجيدة فائدة يمكن الاعتماد عليها، حتى بعد جلسات كثيرة. راجع صفحة «كيف يعمل الميزوثيرابي؟».",
          fr = "Non. Les études sérieuses n’ont pas montré de bénéfice fiable, même après de nombreuses séances. Voir « Comment ça marche ? ».",
        },
      },
    },
  },

  -- 4. What side effects are normal
  quiz {
    question = {
      en = "You have a small bruise after a session. What is usual?",
      ar = "ظهرت لديك كدمة صغيرة بعد الجلسة. ما المعتاد؟",
      fr = "Vous avez un petit bleu après une séance. Qu’est-ce qui est habituel ?",
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
          fr = "Un petit bleu seul est fréquent et sans gravité. Il s’efface en général en 7 à 10 jours. Voir « Effets secondaires : ce qui est normal ».",
        },
      },
    },
  },

  -- 5. An emergency sign
  quiz {
    question = {
      en = "After a session, your lips start to swell. What should you do?",
      ar = "بعد الجلسة، بدأت شفتاك تتورّمان. ماذا تفعل؟",
      fr = "Après une séance, vos lèvres commencent à gonfler. Que faites-vous ?",
    },
    choices = {
      {
        text = { en = "Wait a few days", ar = "أنتظر بضعة أيام", fr = "J’attends quelques jours" },
        feedback = {
          en = "Please don't wait. Swollen lips or trouble breathing can be a serious allergic reaction. The red \"When to call us\" button at the top tells you more.",
          ar = "لا تنتظر من فضلك، فتورّم الشفتين أو صعوبة التنفس قد يكون رد فعل تحسسيًا خطيرًا. ويخبرك الزر الأحمر «متى تتصل بنا» في أعلى الشاشة بالمزيد.",
          fr = "N’attendez pas. Des lèvres qui gonflent ou une gêne pour respirer peuvent signaler une allergie grave. Le bouton rouge « Quand nous appeler », en haut de l’écran, vous en dit plus.",
        },
      },
      {
        text = { en = "Get help at once", ar = "أطلب المساعدة فورًا", fr = "Je demande de l’aide aussitôt" },
        correct = true,
        feedback = {
          en = "Call emergency services now: {emergency_number}. If you are in the clinic, tell a member of staff straight away.",
          ar = "اتصل بالإسعاف فورًا: {emergency_number}. وإذا كنت في العيادة فأخبر أحد الموظفين في الحال.",
          fr = "Appelez les urgences tout de suite : {emergency_number}. Si vous êtes à la clinique, prévenez aussitôt un membre du personnel.",
        },
      },
      {
        text = { en = "Put some cream on", ar = "أضع بعض الكريم", fr = "Je mets de la crème" },
        feedback = {
          en = "Cream will not help here. Swollen lips can be a serious allergic reaction: get help at once. The red \"When to call us\" button at the top tells you more.",
          ar = "الكريم لن يفيد هنا. تورّم الشفتين قد يكون رد فعل تحسسيًا خطيرًا، فاطلب المساعدة فورًا. ويخبرك الزر الأحمر «متى تتصل بنا» في أعلى الشاشة بالمزيد.",
          fr = "Une crème ne suffit pas. Des lèvres qui gonflent peuvent signaler une allergie grave : demandez de l’aide aussitôt. Le bouton rouge « Quand nous appeler », en haut de l’écran, vous en dit plus.",
        },
      },
    },
  },

  -- 6. Results vary
  quiz {
    question = {
      en = "Does mesotherapy give everyone the same result?",
      ar = "هل يحصل الجميع على النتيجة نفسها من الميزوثيرابي؟",
      fr = "La mésothérapie donne-t-elle le même résultat à tout le monde ?",
    },
    choices = {
      {
        text = { en = "Yes, always the same", ar = "نعم، النتيجة نفسها دائمًا", fr = "Oui, toujours le même" },
        feedback = {
          en = "Results differ from person to person, and good studies have not shown a reliable benefit. See \"How it works\".",
          ar = "تختلف النتائج من شخص لآخر، ولم تُثبت الدراسات الجيدة فائدة يمكن الاعتماد عليها. راجع صفحة «كيف يعمل الميزوثيرابي؟».",
          fr = "Les résultats varient d’une personne à l’autre, et les études sérieuses n’ont pas montré de bénéfice fiable. Voir « Comment ça marche ? ».",
        },
      },
      {
        text = { en = "No, results vary", ar = "لا، النتائج تختلف", fr = "Non, les résultats varient" },
        correct = true,
        feedback = {
          en = "Results differ from person to person, and some people see no change. Your doctor or nurse can tell you what is realistic for you.",
          ar = "تختلف النتائج من شخص لآخر، وبعض الناس لا يلاحظون أي تغيير. ويستطيع الطبيب أو الممرض أن يخبرك بما يمكن توقعه في حالتك.",
          fr = "Les résultats varient d’une personne à l’autre, et certaines personnes ne voient aucun changement. Votre médecin ou infirmier/infirmière peut vous dire ce qui est réaliste pour vous.",
        },
      },
    },
  },

  -- 7. What diet and exercise can and cannot do
  quiz {
    question = {
      en = "What do a healthy diet and exercise do for cellulite?",
      ar = "ما أثر الغذاء الصحي والرياضة على السيلوليت؟",
      fr = "Quel est l’effet d’une alimentation saine et du sport sur la cellulite ?",
    },
    choices = {
      {
        text = { en = "They stop it coming back", ar = "يمنعان عودته", fr = "Ils l’empêchent de revenir" },
        feedback = {
          en = "They do not prevent cellulite. They are good for your health and may change how skin looks a little. See \"What is cellulite?\".",
          ar = "لا يمنعان ظهور السيلوليت، لكنهما مفيدان لصحتك وقد يغيّران مظهر الجلد قليلًا. راجع صفحة «ما هو السيلوليت؟».",
          fr = "Ils n’empêchent pas la cellulite. Ils sont bons pour la santé et peuvent changer un peu l’aspect de la peau. Voir « Qu’est-ce que la cellulite ? ».",
        },
      },
      {
        text = { en = "Good for health, but do not prevent it", ar = "مفيدان للصحة، لكنهما لا يمنعانه", fr = "Bons pour la santé, sans l’empêcher" },
        correct = true,
        feedback = {
          en = "They are good for your health and may change how skin looks a little, but they do not prevent cellulite.",
          ar = "هما مفيدان لصحتك وقد يغيّران مظهر الجلد قليلًا، لكنهما لا يمنعان ظهور السيلوليت.",
          fr = "Ils sont bons pour la santé et peuvent changer un peu l’aspect de la peau, mais ils n’empêchent pas la cellulite.",
        },
      },
      {
        text = { en = "They remove it completely", ar = "يزيلانه تمامًا", fr = "Ils la font disparaître" },
        feedback = {
          en = "They do not remove cellulite. It shows at any body weight. See \"What is cellulite?\".",
          ar = "لا يزيلان السيلوليت، فهو يظهر مع أي وزن. راجع صفحة «ما هو السيلوليت؟».",
          fr = "Ils ne font pas disparaître la cellulite, qui apparaît quel que soit le poids. Voir « Qu’est-ce que la cellulite ? ».",
        },
      },
    },
  },

  button { to = "about", label = { en = "Next: about this guide", ar = "التالي: عن هذا الدليل", fr = "Suite : à propos" } },
}

-- The symptom questionnaire patients fill in on the kiosk at each visit,
-- about the time since their last session. It is ADAPTED FROM PRO-CTCAE
-- (the US National Cancer Institute's patient-reported side-effect
-- questions); it is not PRO-CTCAE itself:
--   * the recall is "since your last session", where PRO-CTCAE asks about
--     "the last 7 days";
--   * "pain", "swelling", "bruising" and "rash" are written for injections
--     and are not PRO-CTCAE items as worded; questions marked custom = true
--     are this clinic's own;
--   * the English words of the answer scales are PRO-CTCAE's and stay
--     exactly as they are; the Arabic and French are this project's own
--     translations, not NCI's (NCI allows only its own translations to be
--     called PRO-CTCAE).
--
-- The file has four parts, in this order (a name must be written above
-- the line that uses it):
--   questionnaire { ... }   the title, the recall, the body picture, the area names
--   scale "id" { ... }      the answers a question offers, scored by position
--   item "id" { ... }       the questions, in the order they are asked
--   red_flag "id" { ... }   which answers show a full-screen "tell the staff" message
-- Item ids are stable: reports are stored by them. Change the words of a
-- question freely, but do not rename its id. See README.md in this folder,
-- "Symptom questionnaire".

questionnaire {
  title = { en = "Your symptoms", ar = "أعراضك", fr = "Vos symptômes" },
  recall = {
    en = "Since your last session",
    ar = "منذ جلستك الأخيرة",
    fr = "Depuis votre dernière séance",
  },
  -- The picture patients tap to show where they had injections.
  body_image = "images/body-outline.svg",
  areas = {
    thighs = { en = "Thighs", ar = "الفخذان", fr = "Cuisses" },
    buttocks = { en = "Buttocks", ar = "الأرداف", fr = "Fesses" },
    abdomen = { en = "Tummy", ar = "البطن", fr = "Ventre" },
    arms = { en = "Upper arms", ar = "أعلى الذراعين", fr = "Haut des bras" },
    other = { en = "Somewhere else", ar = "مكان آخر", fr = "Ailleurs" },
  },
}

-- Scales. The English words of "severity", "frequency", "interference"
-- and "yesno" are the PRO-CTCAE wording and must stay exactly as they are.
-- Five options score 0 to 4; "No" scores 0 and "Yes" scores 4.

scale "severity" {
  { en = "None", ar = "لا يوجد", fr = "Aucune" },
  { en = "Mild", ar = "خفيف", fr = "Légère" },
  { en = "Moderate", ar = "متوسط", fr = "Modérée" },
  { en = "Severe", ar = "شديد", fr = "Sévère" },
  { en = "Very severe", ar = "شديد جدًا", fr = "Très sévère" },
}

-- Not used by a question yet: here so new questions can use them.
scale "frequency" {
  { en = "Never", ar = "أبدًا", fr = "Jamais" },
  { en = "Rarely", ar = "نادرًا", fr = "Rarement" },
  { en = "Occasionally", ar = "أحيانًا", fr = "Occasionnellement" },
  { en = "Frequently", ar = "كثيرًا", fr = "Fréquemment" },
  { en = "Almost constantly", ar = "بشكل شبه دائم", fr = "Presque constamment" },
}

scale "interference" {
  { en = "Not at all", ar = "لا، على الإطلاق", fr = "Pas du tout" },
  { en = "A little bit", ar = "قليلًا", fr = "Un peu" },
  { en = "Somewhat", ar = "إلى حد ما", fr = "Moyennement" },
  { en = "Quite a bit", ar = "كثيرًا", fr = "Beaucoup" },
  { en = "Very much", ar = "كثيرًا جدًا", fr = "Énormément" },
}

scale "yesno" {
  { en = "No", ar = "لا", fr = "Non" },
  { en = "Yes", ar = "نعم", fr = "Oui" },
}

-- Our own scale (not PRO-CTCAE): scored 0 (less than a day) to 4.
scale "duration" {
  { en = "Less than a day", ar = "أقل من يوم", fr = "Moins d’un jour" },
  { en = "1 to 2 days", ar = "يوم أو يومان", fr = "1 à 2 jours" },
  { en = "3 to 6 days", ar = "من 3 إلى 6 أيام", fr = "3 à 6 jours" },
  { en = "1 to 2 weeks", ar = "أسبوع أو أسبوعان", fr = "1 à 2 semaines" },
  { en = "More than 2 weeks", ar = "أكثر من أسبوعين", fr = "Plus de 2 semaines" },
}

-- Questions, in the order they are asked. The most urgent come first, so
-- they are answered even by someone called in before the end: first what
-- is happening right now, then what staff must know before a session,
-- then the time since the last session. Every question is asked whatever
-- areas were marked (no `areas` line).

item "breathing_now" {
  scale = "yesno", custom = true,
  text = {
    en = "Right now, do you have trouble breathing, a tight throat or wheezing, or swelling of your face, lips or tongue?",
    ar = "الآن، هل تجد صعوبة في التنفس، أو ضيقًا في الحلق أو صفيرًا عند التنفس، أو تورّمًا في الوجه أو الشفتين أو اللسان؟",
    fr = "En ce moment, avez-vous du mal à respirer, la gorge serrée, un sifflement, ou le visage, les lèvres ou la langue qui gonflent ?",
  },
  short = { en = "Breathing or swelling now", ar = "التنفس أو التورّم الآن", fr = "Respiration ou gonflement maintenant" },
}

item "unwell_now" {
  scale = "yesno", custom = true,
  text = {
    en = "Right now, do you feel faint, confused or very unwell?",
    ar = "الآن، هل تشعر بدوار كأنك ستفقد الوعي، أو بتشوّش، أو بتوعك شديد؟",
    fr = "En ce moment, vous sentez-vous sur le point de vous évanouir, confus(e) ou très mal ?",
  },
  short = { en = "Faint or very unwell now", ar = "دوار أو توعك شديد الآن", fr = "Malaise maintenant" },
}

item "pregnant" {
  scale = "yesno", custom = true,
  text = {
    en = "Could you be pregnant?",
    ar = "هل يمكن أن تكوني حاملًا؟",
    fr = "Pourriez-vous être enceinte ?",
  },
  short = { en = "Could be pregnant", ar = "احتمال الحمل", fr = "Grossesse possible" },
}

item "thinners" {
  scale = "yesno", custom = true,
  text = {
    en = "Since your last session, have you started any new medicine that thins the blood?",
    ar = "منذ جلستك الأخيرة، هل بدأت تناول أي دواء جديد يزيد سيولة الدم؟",
    fr = "Depuis votre dernière séance, avez-vous commencé un nouveau médicament qui fluidifie le sang ?",
  },
  short = { en = "New blood thinner", ar = "دواء جديد لسيولة الدم", fr = "Nouvel anticoagulant" },
}

item "breathing" {
  scale = "yesno", custom = true,
  text = {
    en = "Since your last session, have you had swelling of the face or lips, or trouble breathing?",
    ar = "منذ جلستك الأخيرة، هل حدث لديك تورّم في الوجه أو الشفتين، أو صعوبة في التنفس؟",
    fr = "Depuis votre dernière séance, avez-vous eu un gonflement du visage ou des lèvres, ou du mal à respirer ?",
  },
  short = { en = "Face, lips or breathing", ar = "الوجه أو الشفتان أو التنفس", fr = "Visage, lèvres ou respiration" },
}

item "pain" {
  scale = "severity",
  text = {
    en = "At its worst, how bad was the pain where you had injections?",
    ar = "في أسوأ حالاته، ما مدى شدة الألم في أماكن الحقن؟",
    fr = "Au pire moment, quelle a été l’intensité de la douleur aux endroits des injections ?",
  },
  short = { en = "Pain", ar = "الألم", fr = "Douleur" },
}

item "duration" {
  scale = "duration", custom = true,
  show_if = { pain = 1 }, -- only asked if there was some pain
  text = {
    en = "How long did the pain last?",
    ar = "كم استمر الألم؟",
    fr = "Combien de temps la douleur a-t-elle duré ?",
  },
  short = { en = "How long the pain lasted", ar = "مدة الألم", fr = "Durée de la douleur" },
}

item "swelling" {
  scale = "severity",
  text = {
    en = "At its worst, how bad was any swelling or redness where you had injections?",
    ar = "في أسوأ حالاته، ما مدى شدة التورّم أو الاحمرار في أماكن الحقن؟",
    fr = "Au pire moment, quelle a été l’intensité du gonflement ou de la rougeur aux endroits des injections ?",
  },
  short = { en = "Swelling or redness", ar = "التورّم أو الاحمرار", fr = "Gonflement ou rougeur" },
}

item "bruising" {
  scale = "severity",
  text = {
    en = "At its worst, how bad was any bruising where you had injections?",
    ar = "في أسوأ حالاتها، ما مدى شدة الكدمات في أماكن الحقن؟",
    fr = "Au pire moment, quelle a été l’intensité des bleus aux endroits des injections ?",
  },
  short = { en = "Bruising", ar = "الكدمات", fr = "Bleus" },
}

item "itching" {
  scale = "severity",
  text = {
    en = "At its worst, how bad was any itching of your skin?",
    ar = "في أسوأ حالاتها، ما مدى شدة الحكة في جلدك؟",
    fr = "Au pire moment, quelle a été l’intensité des démangeaisons de votre peau ?",
  },
  short = { en = "Itching", ar = "الحكة", fr = "Démangeaisons" },
}

item "burning" {
  scale = "severity", custom = true,
  text = {
    en = "At its worst, how bad was any burning feeling where you had injections?",
    ar = "في أسوأ حالاته، ما مدى شدة الإحساس بالحرقة في أماكن الحقن؟",
    fr = "Au pire moment, quelle a été l’intensité de la sensation de brûlure aux endroits des injections ?",
  },
  short = { en = "Burning", ar = "الحرقة", fr = "Brûlure" },
}

item "rash" {
  scale = "yesno",
  text = {
    en = "Have you had a rash, or hives (raised, itchy bumps)?",
    ar = "هل ظهر لديك طفح جلدي، أو شرى (بقع بارزة مثيرة للحكة)؟",
    fr = "Avez-vous eu une éruption, ou de l’urticaire (des plaques en relief qui démangent) ?",
  },
  short = { en = "Rash or hives", ar = "طفح جلدي أو شرى", fr = "Éruption ou urticaire" },
}

item "lumps" {
  scale = "yesno", custom = true,
  text = {
    en = "Have you noticed lumps or hard spots under the skin where you had injections, even weeks later?",
    ar = "هل لاحظت كتلًا أو عقيدات صلبة تحت الجلد في أماكن الحقن، ولو بعد أسابيع؟",
    fr = "Avez-vous remarqué des boules ou des zones dures sous la peau aux endroits des injections, même des semaines après ?",
  },
  short = { en = "Lumps under the skin", ar = "كتل تحت الجلد", fr = "Boules sous la peau" },
}

item "lumps_leak" {
  scale = "yesno", custom = true,
  show_if = { lumps = 4 }, -- only asked after a "Yes" to lumps
  text = {
    en = "Is a lump growing, painful, or leaking fluid?",
    ar = "هل تكبر إحدى الكتل، أو تؤلم، أو يخرج منها سائل؟",
    fr = "Une boule grossit-elle, fait-elle mal, ou laisse-t-elle sortir du liquide ?",
  },
  short = { en = "Lump growing or leaking", ar = "كتلة تكبر أو يخرج منها سائل", fr = "Boule qui grossit ou coule" },
}

item "skin_death" {
  scale = "yesno", custom = true,
  text = {
    en = "Has skin where you had injections turned very pale, grey, dark purple or black, or formed a blister or an open sore?",
    ar = "هل صار الجلد في أماكن الحقن شاحبًا جدًا، أو رماديًا، أو بنفسجيًا داكنًا أو أسود، أو ظهرت فيه فقاعة أو قرحة مفتوحة؟",
    fr = "Aux endroits des injections, la peau est-elle devenue très pâle, grise, violet foncé ou noire, ou y a-t-il une cloque ou une plaie ?",
  },
  short = { en = "Skin turning dark or an open sore", ar = "جلد داكن أو قرحة مفتوحة", fr = "Peau noircie ou plaie" },
}

-- Long-lasting darker patches (pigmentation), not the sudden change of
-- colour asked about in skin_death.
item "darkening" {
  scale = "yesno",
  text = {
    en = "Has your skin become darker in places where you had injections?",
    ar = "هل أصبح لون جلدك أغمق في أماكن الحقن؟",
    fr = "Votre peau est-elle devenue plus foncée aux endroits des injections ?",
  },
  short = { en = "Darker skin", ar = "جلد أغمق", fr = "Peau plus foncée" },
}

item "pus" {
  scale = "yesno", custom = true,
  text = {
    en = "Has pus or other fluid come out of a place where you had an injection?",
    ar = "هل خرج صديد أو سائل آخر من أحد أماكن الحقن؟",
    fr = "Du pus ou un autre liquide est-il sorti d’un endroit où vous avez eu une injection ?",
  },
  short = { en = "Pus or fluid", ar = "صديد أو سائل", fr = "Pus ou écoulement" },
}

item "worsening" {
  scale = "yesno", custom = true,
  text = {
    en = "Is redness or pain getting worse rather than better?",
    ar = "هل يزداد الاحمرار أو الألم سوءًا بدلًا من أن يتحسن؟",
    fr = "Une rougeur ou une douleur s’aggrave-t-elle au lieu de s’améliorer ?",
  },
  short = { en = "Getting worse", ar = "يزداد سوءًا", fr = "S’aggrave" },
}

item "fever" {
  scale = "yesno", custom = true,
  text = {
    en = "Have you had a fever, or felt generally unwell?",
    ar = "هل أصبت بحمى، أو شعرت بتوعك عام؟",
    fr = "Avez-vous eu de la fièvre, ou vous êtes-vous senti(e) mal en général ?",
  },
  short = { en = "Fever or unwell", ar = "حمى أو توعك", fr = "Fièvre ou malaise" },
}

-- Red flags. `when` gives each question's lowest score that counts (a
-- "Yes" is 4, "Severe" is 3); all of them must hold. `any` lists
-- conditions of which one is enough. When several flags hold, an
-- "emergency" one wins over "call", then the first in this file.
-- The patient is in the waiting room, so "call" flags ask them to tell the
-- front desk before their session; "emergency" ones, to tell staff now.
-- Every sign on the page "call-clinic" names one of these flags
-- (sign = "id"), at the same level: mesokiosk --check compares them.

-- Happening now: the most urgent, asked first.
red_flag "breathing-now" {
  level = "emergency",
  when = { breathing_now = 4 },
  title = {
    en = "Please tell the front desk now",
    ar = "يرجى إبلاغ مكتب الاستقبال الآن",
    fr = "Merci de prévenir l’accueil maintenant",
  },
  message = {
    en = "Trouble breathing, a tight throat, wheezing, or swelling of the face, lips or tongue needs help straight away. Tell a member of staff now. If you are not at the clinic, call emergency services.",
    ar = "صعوبة التنفس، أو ضيق الحلق، أو الصفير عند التنفس، أو تورّم الوجه أو الشفتين أو اللسان، يحتاج إلى مساعدة فورية. أخبر أحد الموظفين الآن. وإذا لم تكن في العيادة، فاتصل بالإسعاف.",
    fr = "Avoir du mal à respirer, la gorge serrée, une respiration sifflante, ou un gonflement du visage, des lèvres ou de la langue demande une aide immédiate. Prévenez un membre du personnel maintenant. Si vous n’êtes pas à la clinique, appelez les urgences.",
  },
}

red_flag "unwell-now" {
  level = "emergency",
  when = { unwell_now = 4 },
  title = {
    en = "Please tell the front desk now",
    ar = "يرجى إبلاغ مكتب الاستقبال الآن",
    fr = "Merci de prévenir l’accueil maintenant",
  },
  message = {
    en = "Feeling faint, confused or very unwell needs to be checked straight away. Tell a member of staff now, and sit or lie down until they come. If you are not at the clinic, call emergency services.",
    ar = "الشعور بالدوار كأنك ستفقد الوعي، أو بالتشوّش، أو بتوعك شديد، يحتاج إلى فحص فوري. أخبر أحد الموظفين الآن، واجلس أو استلقِ حتى يصل. وإذا لم تكن في العيادة، فاتصل بالإسعاف.",
    fr = "Se sentir sur le point de s’évanouir, confus(e) ou très mal doit être vérifié tout de suite. Prévenez un membre du personnel maintenant, et asseyez-vous ou allongez-vous en l’attendant. Si vous n’êtes pas à la clinique, appelez les urgences.",
  },
}

-- Both at once: spreading redness with a fever.
red_flag "redness-fever" {
  level = "emergency",
  when = { worsening = 4, fever = 4 },
  title = {
    en = "Please tell the front desk now",
    ar = "يرجى إبلاغ مكتب الاستقبال الآن",
    fr = "Merci de prévenir l’accueil maintenant",
  },
  message = {
    en = "Redness or pain that is getting worse, together with a fever, can be a serious infection. Tell a member of staff now. If you are not at the clinic, call emergency services.",
    ar = "الاحمرار أو الألم الذي يزداد سوءًا، مع الحمى، قد يكون عدوى خطيرة. أخبر أحد الموظفين الآن. وإذا لم تكن في العيادة، فاتصل بالإسعاف.",
    fr = "Une rougeur ou une douleur qui s’aggrave, avec de la fièvre, peut être une infection grave. Prévenez un membre du personnel maintenant. Si vous n’êtes pas à la clinique, appelez les urgences.",
  },
}

red_flag "breathing" {
  level = "call",
  when = { breathing = 4 },
  title = {
    en = "Please tell the front desk before your session",
    ar = "يرجى إبلاغ مكتب الاستقبال قبل جلستك",
    fr = "Merci de prévenir l’accueil avant votre séance",
  },
  message = {
    en = "You said you had swelling of the face or lips, or trouble breathing, since your last session. This can be an allergy. A doctor or nurse needs to talk with you before any treatment.",
    ar = "ذكرت أنه حدث لديك تورّم في الوجه أو الشفتين، أو صعوبة في التنفس، منذ جلستك الأخيرة. قد تكون هذه حساسية. يحتاج طبيب أو ممرض إلى التحدث معك قبل أي علاج.",
    fr = "Vous avez indiqué un gonflement du visage ou des lèvres, ou du mal à respirer, depuis votre dernière séance. Cela peut être une allergie. Un médecin ou une infirmière doit vous parler avant tout traitement.",
  },
}

-- Tissue death (necrosis): seen the same day.
red_flag "skin-death" {
  level = "call",
  when = { skin_death = 4 },
  title = {
    en = "Please tell the front desk before your session",
    ar = "يرجى إبلاغ مكتب الاستقبال قبل جلستك",
    fr = "Merci de prévenir l’accueil avant votre séance",
  },
  message = {
    en = "Skin that turns very pale, grey, dark purple or black, or a blister or open sore, can mean the skin is being damaged. A doctor or nurse needs to see it today.",
    ar = "الجلد الذي يصبح شاحبًا جدًا، أو رماديًا، أو بنفسجيًا داكنًا أو أسود، أو ظهور فقاعة أو قرحة مفتوحة، قد يعني أن الجلد يتضرّر. يجب أن يراه طبيب أو ممرض اليوم.",
    fr = "Une peau qui devient très pâle, grise, violet foncé ou noire, ou une cloque ou une plaie ouverte, peut signifier que la peau est abîmée. Un médecin ou une infirmière doit la voir aujourd’hui.",
  },
}

-- Lumps, nodules or abscesses weeks after injections: the typical sign of an atypical mycobacterial infection.
red_flag "lumps" {
  level = "call",
  any = { lumps = 4, lumps_leak = 4 },
  title = {
    en = "Please tell the front desk before your session",
    ar = "يرجى إبلاغ مكتب الاستقبال قبل جلستك",
    fr = "Merci de prévenir l’accueil avant votre séance",
  },
  message = {
    en = "Lumps where you had injections, even weeks later, can be a sign of an infection that needs treatment. A doctor or nurse needs to look at them before any treatment.",
    ar = "الكتل في أماكن الحقن، ولو ظهرت بعد أسابيع، قد تكون علامة على عدوى تحتاج إلى علاج. يحتاج طبيب أو ممرض إلى فحصها قبل أي علاج.",
    fr = "Des boules aux endroits des injections, même des semaines après, peuvent être le signe d’une infection à soigner. Un médecin ou une infirmière doit les examiner avant tout traitement.",
  },
}

red_flag "pus" {
  level = "call",
  when = { pus = 4 },
  title = {
    en = "Please tell the front desk before your session",
    ar = "يرجى إبلاغ مكتب الاستقبال قبل جلستك",
    fr = "Merci de prévenir l’accueil avant votre séance",
  },
  message = {
    en = "You said pus or fluid came out where you had an injection. A doctor or nurse needs to look at it before any treatment.",
    ar = "ذكرت أن صديدًا أو سائلًا خرج من مكان الحقن. يحتاج طبيب أو ممرض إلى فحصه قبل أي علاج.",
    fr = "Vous avez indiqué que du pus ou un liquide est sorti d’un endroit d’injection. Un médecin ou une infirmière doit le voir avant tout traitement.",
  },
}

red_flag "fever" {
  level = "call",
  when = { fever = 4 },
  title = {
    en = "Please tell the front desk before your session",
    ar = "يرجى إبلاغ مكتب الاستقبال قبل جلستك",
    fr = "Merci de prévenir l’accueil avant votre séance",
  },
  message = {
    en = "You said you have had a fever or felt unwell. A doctor or nurse needs to check on you before any treatment.",
    ar = "ذكرت أنك أصبت بحمى أو شعرت بتوعك. يحتاج طبيب أو ممرض إلى الاطمئنان عليك قبل أي علاج.",
    fr = "Vous avez indiqué avoir eu de la fièvre ou vous être senti(e) mal. Un médecin ou une infirmière doit vous examiner avant tout traitement.",
  },
}

red_flag "worsening" {
  level = "call",
  when = { worsening = 4 },
  title = {
    en = "Please tell the front desk before your session",
    ar = "يرجى إبلاغ مكتب الاستقبال قبل جلستك",
    fr = "Merci de prévenir l’accueil avant votre séance",
  },
  message = {
    en = "You said redness or pain is getting worse. A doctor or nurse needs to look at it before any treatment.",
    ar = "ذكرت أن الاحمرار أو الألم يزداد سوءًا. يحتاج طبيب أو ممرض إلى فحصه قبل أي علاج.",
    fr = "Vous avez indiqué qu’une rougeur ou une douleur s’aggrave. Un médecin ou une infirmière doit la voir avant tout traitement.",
  },
}

red_flag "rash" {
  level = "call",
  when = { rash = 4 },
  title = {
    en = "Please tell the front desk before your session",
    ar = "يرجى إبلاغ مكتب الاستقبال قبل جلستك",
    fr = "Merci de prévenir l’accueil avant votre séance",
  },
  message = {
    en = "You said you have had a rash or hives. This can be an allergy. A doctor or nurse needs to see it before any treatment.",
    ar = "ذكرت أنه ظهر لديك طفح جلدي أو شرى. قد تكون هذه حساسية. يحتاج طبيب أو ممرض إلى رؤيته قبل أي علاج.",
    fr = "Vous avez indiqué une éruption ou de l’urticaire. Cela peut être une allergie. Un médecin ou une infirmière doit la voir avant tout traitement.",
  },
}

-- Severe or Very severe.
red_flag "severe-pain" {
  level = "call",
  when = { pain = 3 },
  title = {
    en = "Please tell the front desk before your session",
    ar = "يرجى إبلاغ مكتب الاستقبال قبل جلستك",
    fr = "Merci de prévenir l’accueil avant votre séance",
  },
  message = {
    en = "You said the pain was severe. A doctor or nurse needs to talk with you about it before any treatment.",
    ar = "ذكرت أن الألم كان شديدًا. يحتاج طبيب أو ممرض إلى التحدث معك عنه قبل أي علاج.",
    fr = "Vous avez indiqué une douleur sévère. Un médecin ou une infirmière doit en parler avec vous avant tout traitement.",
  },
}

-- Severe or Very severe.
red_flag "severe-swelling" {
  level = "call",
  when = { swelling = 3 },
  title = {
    en = "Please tell the front desk before your session",
    ar = "يرجى إبلاغ مكتب الاستقبال قبل جلستك",
    fr = "Merci de prévenir l’accueil avant votre séance",
  },
  message = {
    en = "You said the swelling or redness was severe. A doctor or nurse needs to look at it before any treatment.",
    ar = "ذكرت أن التورّم أو الاحمرار كان شديدًا. يحتاج طبيب أو ممرض إلى فحصه قبل أي علاج.",
    fr = "Vous avez indiqué un gonflement ou une rougeur sévère. Un médecin ou une infirmière doit le voir avant tout traitement.",
  },
}

-- Before a session.
red_flag "pregnant" {
  level = "call",
  when = { pregnant = 4 },
  title = {
    en = "Please tell the front desk before your session",
    ar = "يرجى إبلاغ مكتب الاستقبال قبل جلستك",
    fr = "Merci de prévenir l’accueil avant votre séance",
  },
  message = {
    en = "Mesotherapy is not given during pregnancy. Please tell staff before your session, so a doctor or nurse can talk with you first.",
    ar = "لا تُجرى جلسات الميزوثيرابي أثناء الحمل. يرجى إبلاغ الموظفين قبل جلستك، ليتحدث معك طبيب أو ممرض أولًا.",
    fr = "La mésothérapie ne se pratique pas pendant la grossesse. Merci de prévenir le personnel avant votre séance, pour qu’un médecin ou une infirmière vous parle d’abord.",
  },
}

-- Before a session.
red_flag "thinners" {
  level = "call",
  when = { thinners = 4 },
  title = {
    en = "Please tell the front desk before your session",
    ar = "يرجى إبلاغ مكتب الاستقبال قبل جلستك",
    fr = "Merci de prévenir l’accueil avant votre séance",
  },
  message = {
    en = "A medicine that thins the blood makes bruising and bleeding more likely. Please tell staff before your session. Do not stop taking it yourself.",
    ar = "الدواء الذي يزيد سيولة الدم يجعل الكدمات والنزيف أكثر احتمالًا. يرجى إبلاغ الموظفين قبل جلستك. لا توقف تناوله من تلقاء نفسك.",
    fr = "Un médicament qui fluidifie le sang rend les bleus et les saignements plus probables. Merci de prévenir le personnel avant votre séance. N’arrêtez pas de le prendre de vous-même.",
  },
}

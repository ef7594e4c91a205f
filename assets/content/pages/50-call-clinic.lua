-- The help page: one tap from every page (manifest help_page).
page "call-clinic" {
  title = { en = "When to call us", ar = "متى تتصل بنا" },
  callout {
    style = "danger",
    title = { en = "Call emergency services now if you have", ar = "اتصل بالإسعاف فورًا إذا كان لديك" },
    text = {
      en = "Trouble breathing, or swelling of the face, lips or tongue. Tell a member of staff at once if you are in the clinic.",
      ar = "صعوبة في التنفس، أو تورّم في الوجه أو الشفتين أو اللسان. وإذا كنت في العيادة فأخبر أحد الموظفين فورًا.",
    },
  },
  heading { en = "Contact the clinic the same day if", ar = "اتصل بالعيادة في اليوم نفسه إذا", level = 2 },
  list {
    { en = "Redness or pain grows instead of fading", ar = "زاد الاحمرار أو الألم بدلًا من أن يخف" },
    { en = "The skin feels hot, or there is pus", ar = "أصبح الجلد ساخنًا أو ظهر صديد" },
    { en = "You have a fever", ar = "أصبت بالحمى" },
    { en = "You have hives or an itchy rash", ar = "ظهر لديك شرى أو طفح جلدي مثير للحكة" },
    { en = "Pain is severe or getting worse", ar = "كان الألم شديدًا أو يزداد سوءًا" },
  },
  paragraph {
    en = "If anything else worries you, you can always ask us.",
    ar = "وإذا أقلقك أي شيء آخر، يمكنك أن تسألنا في أي وقت.",
  },
  image {
    "images/call.svg",
    alt = { en = "A phone next to a clinic.", ar = "هاتف بجانب عيادة." },
  },
}

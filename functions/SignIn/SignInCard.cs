namespace VillageReports.SignIn;

/// <summary>One village's card on the sign-in sheet: its name and the link that signs its clerk in (the token in the fragment).</summary>
public sealed record SignInCard(string VillageName, string Link);

namespace Platform.Tabular.Privacy;

/// <summary>One piece of personal data inside a value: its kind and where it is.</summary>
public readonly record struct PersonalDataMatch(string Kind, int Start, int Length);

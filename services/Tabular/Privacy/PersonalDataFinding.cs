namespace Platform.Tabular.Privacy;

/// <summary>
/// Personal data of one kind (<see cref="PersonalDataKinds"/>) found in a column: the values holding
/// it (a value of free text counts once however many it holds) and up to three masked examples,
/// which show its shape and never enough of it to identify anyone.
/// </summary>
public sealed record PersonalDataFinding(string Kind, long Values, IReadOnlyList<string> MaskedExamples);

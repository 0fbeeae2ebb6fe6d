namespace Platform.ServiceDefaults.Http;

/// <summary>
/// A limit that protects a service, as a refusal names it: <see cref="Name"/> is the setting's name
/// in camel case (<c>maxColumns</c> is <c>Ingestion:Limits:MaxColumns</c>), <see cref="Value"/> the
/// maximum in force, so a caller knows what to split and an operator what to raise.
/// </summary>
public sealed record ServiceLimit(string Name, long Value);

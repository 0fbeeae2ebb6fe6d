namespace Platform.Tabular.Privacy;

/// <summary>The kinds of personal data ingestion looks for, as they appear in a profile.</summary>
public static class PersonalDataKinds
{
    public const string Email = "email";
    public const string Phone = "phone";
    public const string PaymentCard = "payment-card";
    public const string Iban = "iban";
    public const string IpAddress = "ip-address";
    public const string DateOfBirth = "date-of-birth";
    public const string NationalId = "national-id";
    public const string PersonName = "person-name";

    public static IReadOnlyList<string> All { get; } = [Email, Phone, PaymentCard, Iban, IpAddress, DateOfBirth, NationalId, PersonName];
}

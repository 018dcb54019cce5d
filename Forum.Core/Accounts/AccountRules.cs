using System.Net.Mail;
using Forum.Core.Complaints;

namespace Forum.Core.Accounts;

/// <summary>What registration and the settings page accept (password rules are Identity's).</summary>
public static class AccountRules
{
    public const int DisplayNameMin = 2;
    public const int DisplayNameMax = 30;
    public const int EmailMax = 254;
    public const int PasswordMin = 8;
    public const int PasswordMax = 100;

    public static void ValidateEmail(string? email, List<FieldError> errors, string field = "Email")
    {
        var value = email?.Trim() ?? "";
        if (value.Length == 0)
        {
            errors.Add(new FieldError(field, "Required"));
        }
        else if (value.Length > EmailMax)
        {
            errors.Add(new FieldError(field, "TooLong", EmailMax, value.Length));
        }
        else if (!MailAddress.TryCreate(value, out var parsed) || parsed.Address != value || !value.Contains('.', StringComparison.Ordinal))
        {
            errors.Add(new FieldError(field, "Email"));
        }
    }

    public static string ValidateDisplayName(string? name, List<FieldError> errors, string field = "DisplayName")
    {
        var value = ComplaintRules.Clean(name).Replace('\n', ' ');
        var length = new System.Globalization.StringInfo(value).LengthInTextElements;
        if (length == 0)
        {
            errors.Add(new FieldError(field, "Required"));
        }
        else if (length < DisplayNameMin)
        {
            errors.Add(new FieldError(field, "TooShort", DisplayNameMin));
        }
        else if (length > DisplayNameMax || value.Length > DisplayNameMax * ComplaintRules.StorageFactor)
        {
            errors.Add(new FieldError(field, "TooLong", DisplayNameMax, length));
        }
        else if (PersonalDataMasker.ContainsPersonalData(value))
        {
            // The name is shown on every complaint and reply: it must not be a way to publish a phone number.
            errors.Add(new FieldError(field, "NameLooksPersonal"));
        }

        return value;
    }

    public static void ValidatePasswordLength(string? password, List<FieldError> errors, string field = "Password")
    {
        if (string.IsNullOrEmpty(password))
        {
            errors.Add(new FieldError(field, "Required"));
        }
        else if (password.Length > PasswordMax)
        {
            errors.Add(new FieldError(field, "TooLong", PasswordMax, password.Length));
        }
    }
}

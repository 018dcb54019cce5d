namespace Forum.Web.Mail;

/// <summary><c>Forum:Smtp:*</c>. With no host, mail is written as .eml files to the data directory's mail folder.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Forum:Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string? UserName { get; set; }
    public string? Password { get; set; }

    /// <summary>TLS on connect for port 465, STARTTLS (required) otherwise; false sends in the clear (local relays).</summary>
    public bool UseTls { get; set; }

    public string From { get; set; } = "投诉论坛 Complaints Forum <noreply@forum.example.com>";

    /// <summary>Seconds to wait for the server before a send counts as a transient failure.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Connections a delivery run opens side by side, each sending its share of the backlog (3: the most many hosted
    /// relays allow one client; 1 sends strictly one message after another).
    /// </summary>
    public int Connections { get; set; } = 3;

    public bool UsesPickupFolder => string.IsNullOrWhiteSpace(Host);
}

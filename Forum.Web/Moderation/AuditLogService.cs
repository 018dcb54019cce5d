using System.Globalization;
using Forum.Core.Companies;
using Forum.Core.Complaints;
using Forum.Core.Moderation;
using Forum.Web.Configuration;

namespace Forum.Web.Moderation;

/// <summary>The audit log's filters as they arrive in the URL: all optional, any text.</summary>
public sealed record AuditLogRequest(string? Company = null, string? Action = null, string? Thread = null, string? Person = null, string? Before = null);

/// <summary>The audit log's filters, by the name a problem with them is reported under.</summary>
public enum AuditFilter
{
    Thread,
    Person,
    Action,
    Company,
}

/// <summary>A filter value the log could not use: dropped, and said so.</summary>
public sealed record AuditFilterProblem(AuditFilter Filter, string Value);

public sealed record AuditLogModel(
    IReadOnlyList<AuditEntry> Entries,
    IReadOnlyList<AuditActor> Actors,
    Catalog Catalog,
    AuditQuery Query,
    IReadOnlyList<AuditFilterProblem> Problems);

/// <summary>
/// The audit log for HQ staff and admins: filters by company, complaint, person and act, newest first. Unusable filter
/// values are dropped with a note rather than failing, as on the public lists.
/// </summary>
public sealed class AuditLogService(IModerationRepository moderation, CatalogCache catalogs)
{
    public const int PageSize = 50;

    /// <summary>Null when the person may not read the log (only HQ staff and admins may).</summary>
    public async Task<AuditLogModel?> ListAsync(StaffMember? staff, AuditLogRequest request, CancellationToken cancellationToken = default)
    {
        if (staff is not { IsHeadquarters: true })
        {
            return null;
        }

        var catalog = await catalogs.GetAsync(cancellationToken);
        var actors = await moderation.ListAuditActorsAsync(cancellationToken);
        var problems = new List<AuditFilterProblem>();

        var company = Given(request.Company) is { } slug ? catalog.CompanyBySlug(slug) : null;
        Check(request.Company, company is not null, AuditFilter.Company);

        var action = AuditFormatter.Actions.FirstOrDefault(a => a == Given(request.Action));
        Check(request.Action, action is not null, AuditFilter.Action);

        long? threadId = ThreadNumber.TryParse(request.Thread, out var t) ? t : null;
        Check(request.Thread, threadId is not null, AuditFilter.Thread);

        long? actorId = long.TryParse(Given(request.Person), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && actors.Any(a => a.UserId == p) ? p : null;
        Check(request.Person, actorId is not null, AuditFilter.Person);

        long? before = long.TryParse(Given(request.Before), NumberStyles.None, CultureInfo.InvariantCulture, out var b) ? b : null;
        var query = new AuditQuery(action, company?.Id, threadId, before, PageSize, actorId);
        var entries = await moderation.ListAuditAsync(query, cancellationToken);
        return new AuditLogModel(entries, actors, catalog, query, problems);

        void Check(string? value, bool usable, AuditFilter filter)
        {
            if (Given(value) is { } given && !usable)
            {
                problems.Add(new AuditFilterProblem(filter, given.Length > 40 ? given[..40] + "…" : given));
            }
        }
    }

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

namespace Forum.Core.Moderation;

/// <summary>
/// How views of private contact details are logged: once per visit, not once per render. A visit is the same staff
/// member on the same thread within <see cref="Visit"/> of the last logged view; a later look is a new visit and is
/// logged again. Reloading the page or posting a reply within a visit writes nothing, so readers of the staff
/// thread page do not queue behind the database's single writer.
/// </summary>
public static class ContactViewLog
{
    public static readonly TimeSpan Visit = TimeSpan.FromHours(8);

    /// <summary>Views logged at or after this time belong to the visit under way at <paramref name="now"/>.</summary>
    public static DateTime VisitStartedAfter(DateTime now) => now - Visit;
}

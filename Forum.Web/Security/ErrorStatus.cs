namespace Forum.Web.Security;

/// <summary>The status of an exception that reached the error handler: a service's refusal is 403, anything else 500.</summary>
public static class ErrorStatus
{
    public static int Of(Exception exception) => exception switch
    {
        // AdminService (and any service that checks the caller again) refuses with UnauthorizedAccessException.
        UnauthorizedAccessException => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status500InternalServerError,
    };
}

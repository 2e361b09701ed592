namespace CreativeGen.Client.Gateway.Errors;

/// <summary>The error answers every keyed API route may give, declared so that the OpenAPI document tells the truth.</summary>
public static class ApiProblems
{
    /// <summary>400 (a validation problem naming the field), 401, 403, 404, 429, and 503 when the cluster cannot answer.</summary>
    public static RouteGroupBuilder ProducesApiProblems(this RouteGroupBuilder group) => group
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}

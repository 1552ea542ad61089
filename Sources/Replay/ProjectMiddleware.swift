import Hummingbird

/// Answers 403 (`ModelArts.0210`) when the URL's `{project_id}` is not the archive's project.
struct ProjectMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The archive's project id; empty accepts any.
    let projectID: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let given = QueryParameters.decodePathSegment(context.parameters.get("project_id") ?? "")
        guard projectID.isEmpty || given == projectID else { throw ReplayAPIError.wrongProject(given) }
        return try await next(request, context)
    }
}

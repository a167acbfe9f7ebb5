extension JobQueue {
    /// The state an operator sees of a job `j` with its result row `r` (LEFT JOIN
    /// `job_results r`): the queue state, except that a succeeded job some of whose components
    /// were refused (`r.failed > 0`) is `partial`. The queue itself keeps such a job
    /// `succeeded` (it is finished and not claimed again); every operator read model derives
    /// `partial` through this one expression.
    static let accountStateSQL = "(CASE WHEN j.state = 'succeeded' AND coalesce(r.failed, 0) > 0 THEN 'partial' ELSE j.state END)"

}

namespace NanoTcp.Firmware
{
    /// <summary>
    /// The application's ICMP echo client: owns <see cref="NetworkStack.EchoListener"/> and routes each echo reply
    /// to the <see cref="PingJob"/> whose identifier it carries, so several sessions can ping at once.
    /// </summary>
    public sealed class PingClient : IEchoReplyListener
    {
        private const int MaxJobs = 16;

        private readonly NetworkStack _stack;
        private readonly PingJob[] _jobs = new PingJob[MaxJobs];

        /// <summary>Installs itself as the stack's echo listener.</summary>
        public PingClient(NetworkStack stack)
        {
            _stack = stack;
            stack.EchoListener = this;
        }

        /// <summary>Makes <paramref name="job"/> receive the replies carrying its identifier.</summary>
        public void Register(PingJob job)
        {
            for (int i = 0; i < MaxJobs; i++)
            {
                if (_jobs[i] == job) return;
            }
            for (int i = 0; i < MaxJobs; i++)
            {
                if (_jobs[i] == null)
                {
                    _jobs[i] = job;
                    return;
                }
            }
        }

        /// <summary>Sends the job's next echo request; returns false when the stack could not queue it.</summary>
        public bool SendNext(PingJob job, long nowMs)
        {
            bool queued = _stack.SendEchoRequest(job.Target, job.Identifier, job.NextSequence, PingJob.PayloadLength);
            job.RecordSent(nowMs);
            return queued;
        }

        /// <inheritdoc />
        public void OnEchoReply(uint fromIp, int identifier, int sequence, int length, long nowMs)
        {
            for (int i = 0; i < MaxJobs; i++)
            {
                PingJob job = _jobs[i];
                if (job != null && job.Identifier == identifier)
                {
                    job.OnReply(fromIp, sequence, length, nowMs);
                    return;
                }
            }
        }
    }
}

namespace NanoTcp.Firmware
{
    /// <summary>
    /// <c>ping &lt;name or ip&gt; [count]</c>: ICMP echo requests (RFC 792) once a second, one line per reply with
    /// its round-trip time, and the usual summary at the end or on Ctrl-C. A name is looked up in DNS first (the
    /// session's <see cref="ShellContext.Cursor"/> holds the count meanwhile).
    /// </summary>
    public sealed class PingCommand : ShellCommand
    {
        private const int DefaultCount = 4;

        /// <summary>Creates the command.</summary>
        public PingCommand() : base("ping", "ping <host> [count]", "ICMP echo with round-trip times (Ctrl-C stops)")
        {
        }

        /// <inheritdoc />
        public override bool Start(ShellContext context, CommandLine arguments, long nowMs)
        {
            int count = DefaultCount;
            uint target;
            bool valid = arguments.Count >= 2 && arguments.Count <= 3;
            if (!valid || (arguments.Count == 3 && !arguments.TryGetNumber(2, out count)) || count < 1 ||
                count > PingJob.MaxCount)
            {
                WriteUsage(context);
                return true;
            }
            if (!arguments.TryGetIp(1, out target))
            {
                int status = arguments.Lookup(1, context.Environment.Stack.Dns);
                if (status == Dns.DnsStatus.Pending)
                {
                    context.Cursor = count;
                    return false;
                }
                if (status != Dns.DnsStatus.Resolved) return LookupFailed(context, status);
                target = context.Environment.Stack.Dns.Address;
            }
            return Begin(context, target, count, nowMs);
        }

        private static bool LookupFailed(ShellContext context, int status)
        {
            context.Output.Write("ping: ");
            context.Output.WriteLine(NslookupCommand.DnsStatusText(status));
            return true;
        }

        private bool Begin(ShellContext context, uint target, int count, long nowMs)
        {
            if (target == 0 || target == Ip4.Broadcast)
            {
                context.Output.WriteLine("ping: not a unicast address");
                return true;
            }
            AsciiWriter output = context.Output;
            output.Write("PING ");
            output.WriteIp(target);
            output.Write(": ");
            output.WriteDecimal(PingJob.PayloadLength);
            output.WriteLine(" data bytes");
            context.Ping.Begin(target, count, nowMs);
            context.Environment.Ping.Register(context.Ping);
            return Continue(context, nowMs);
        }

        /// <inheritdoc />
        public override bool Continue(ShellContext context, long nowMs)
        {
            PingJob job = context.Ping;
            if (!job.Active)
            {
                // Still looking the name up.
                Dns.DnsResolver dns = context.Environment.Stack.Dns;
                if (dns.Status == Dns.DnsStatus.Pending) return false;
                if (dns.Status != Dns.DnsStatus.Resolved) return LookupFailed(context, dns.Status);
                return Begin(context, dns.Address, context.Cursor, nowMs);
            }
            PrintReplies(context, job);
            if (job.Sent < job.Count && nowMs >= job.NextSendAtMs)
            {
                context.Environment.Ping.SendNext(job, nowMs);
            }
            if (!job.IsComplete(nowMs) || job.PendingReplies > 0) return false;
            Finish(context, job);
            return true;
        }

        /// <inheritdoc />
        public override long Deadline(ShellContext context)
        {
            PingJob job = context.Ping;
            if (!job.Active) return context.NowMs + 50;
            return job.Sent < job.Count ? job.NextSendAtMs : job.LastSentAtMs + PingJob.IntervalMs;
        }

        /// <inheritdoc />
        public override void Interrupt(ShellContext context, long nowMs)
        {
            if (!context.Ping.Active)
            {
                context.Environment.Stack.Dns.Cancel();
                return;
            }
            Finish(context, context.Ping);
        }

        private static void PrintReplies(ShellContext context, PingJob job)
        {
            AsciiWriter output = context.Output;
            int sequence, length;
            long rtt;
            while (output.Free >= ShellContext.LineReserve && job.TakeReply(out sequence, out length, out rtt))
            {
                output.WriteDecimal(length + 8);
                output.Write(" bytes from ");
                output.WriteIp(job.Target);
                output.Write(": icmp_seq=");
                output.WriteDecimal(sequence);
                if (rtt >= 0)
                {
                    output.Write(" time=");
                    output.WriteDecimal(rtt);
                    output.Write(" ms");
                }
                output.NewLine();
            }
        }

        private static void Finish(ShellContext context, PingJob job)
        {
            job.End();
            AsciiWriter output = context.Output;
            output.Write("--- ");
            output.WriteIp(job.Target);
            output.WriteLine(" ping statistics ---");
            output.WriteDecimal(job.Sent);
            output.Write(" packets transmitted, ");
            output.WriteDecimal(job.Received);
            output.Write(" received, ");
            output.WriteDecimal(job.Sent == 0 ? 0 : (job.Sent - job.Received) * 100 / job.Sent);
            output.WriteLine("% packet loss");
            if (job.Timed == 0) return;
            output.Write("rtt min/avg/max = ");
            output.WriteDecimal(job.MinRttMs);
            output.Write("/");
            output.WriteDecimal(job.SumRttMs / job.Timed);
            output.Write("/");
            output.WriteDecimal(job.MaxRttMs);
            output.WriteLine(" ms");
        }
    }
}

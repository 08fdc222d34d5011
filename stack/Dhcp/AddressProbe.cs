namespace NanoTcp.Dhcp
{
    /// <summary>
    /// IPv4 address conflict detection before first use (RFC 5227 §2.1): wait a random time up to PROBE_WAIT,
    /// send PROBE_NUM ARP probes (sender address 0.0.0.0) PROBE_MIN..PROBE_MAX apart, then wait ANNOUNCE_WAIT.
    /// Any ARP packet whose sender is the candidate address, or another host's probe for it, is a conflict.
    /// </summary>
    internal sealed class AddressProbe
    {
        public const int ProbeWaitMs = 1000;     // PROBE_WAIT (RFC 5227 §1.1)
        public const int ProbeCount = 3;         // PROBE_NUM
        public const int ProbeMinMs = 1000;      // PROBE_MIN
        public const int ProbeMaxMs = 2000;      // PROBE_MAX
        public const int AnnounceWaitMs = 2000;  // ANNOUNCE_WAIT

        public const int Running = 0, Done = 1, Conflicted = -1;

        private uint _target;
        private int _sent;
        private long _next;
        private bool _conflict;

        public uint Target { get { return _target; } }

        public void Start(uint target, long nowMs, XorShift32 random)
        {
            _target = target;
            _sent = 0;
            _conflict = false;
            _next = nowMs + random.Below(ProbeWaitMs + 1);
        }

        /// <summary>When <see cref="Poll"/> must run again.</summary>
        public long Deadline { get { return _next; } }

        /// <summary>Sends the probe that is due; returns Running, Done or Conflicted.</summary>
        public int Poll(long nowMs, NetworkInterface output, XorShift32 random)
        {
            if (_conflict) return Conflicted;
            if (nowMs < _next) return Running;
            if (_sent == ProbeCount) return Done;
            if (output.SendArpProbe(_target)) _sent++;
            _next = nowMs + (_sent == ProbeCount ? AnnounceWaitMs : ProbeMinMs + random.Below(ProbeMaxMs - ProbeMinMs + 1));
            return Running;
        }

        /// <summary>An ARP packet was received (RFC 5227 §2.1.1: sender IP = target, or a probe for it from another host).</summary>
        public void Observe(int operation, uint senderIp, uint targetIp, bool senderIsUs)
        {
            if (_target == 0 || senderIsUs) return;
            if (senderIp == _target) _conflict = true;
            else if (operation == 1 && senderIp == 0 && targetIp == _target) _conflict = true;
        }
    }
}

using NanoTcp.Udp;

namespace NanoTcp.Sntp
{
    /// <summary>
    /// SNTP client (RFC 4330 §5) owned by the stack (<see cref="NetworkStack.Sntp"/>): asks the DHCP-given NTP
    /// server (option 42) or <see cref="LanConfig.SntpServer"/>, keeps the offset between the Poll clock and UTC,
    /// and never changes the Poll clock itself (that stays monotonic). Replies are checked as §5 asks: mode 4,
    /// the originate timestamp echoing our request, a non-zero transmit time, stratum 1..15, LI not 3.
    /// </summary>
    public sealed class SntpClient : IUdpReceiver
    {
        private const int FirstTimeoutMs = 2000;
        private const int MaxRetryMs = 64000;
        private const int MinIntervalMs = 15000; // RFC 4330 §10: no more often than every 15 s

        private readonly UdpLayer _udp;
        private readonly NetworkInterface _out;
        private readonly XorShift32 _random;
        private readonly uint _configured;
        private readonly int _intervalMs;
        private int _slot = -1, _attempt;
        private uint _server, _nonceSeconds, _nonceFraction;
        private long _sentAt, _next, _offsetMs;
        private bool _waiting;

        internal SntpClient(UdpLayer udp, LanConfig lan)
        {
            _udp = udp;
            _out = udp.Output;
            _random = udp.LanRandom;
            _configured = lan.SntpServer;
            _intervalMs = lan.SntpIntervalMs < MinIntervalMs ? MinIntervalMs : lan.SntpIntervalMs;
        }

        /// <summary>True once a valid reply set the time.</summary>
        public bool Synchronized { get; private set; }

        /// <summary>The server's stratum at the last synchronisation.</summary>
        public int Stratum { get; private set; }

        /// <summary>The server last asked.</summary>
        public uint Server { get { return _server; } }

        /// <summary>Poll-clock time of the last synchronisation.</summary>
        public long LastSyncMs { get; private set; }

        /// <summary>Requests sent, valid replies.</summary>
        public long RequestsSent, RepliesAccepted;

        /// <summary>UTC as Unix milliseconds at Poll time <paramref name="nowMs"/> (0 when not synchronised).</summary>
        public long UnixTimeMs(long nowMs)
        {
            return Synchronized ? nowMs + _offsetMs : 0;
        }

        /// <summary>Asks again at the next Poll (the shell's <c>date</c> after a server change).</summary>
        public void Refresh()
        {
            _next = 0;
            _waiting = false;
            _udp.MarkWorkPending();
        }

        private uint CurrentServer()
        {
            Dhcp.DhcpClient dhcp = _udp.Dhcp;
            if (dhcp != null && dhcp.HasLease && dhcp.Lease.NtpServer != 0) return dhcp.Lease.NtpServer;
            return _configured;
        }

        internal long Poll(long nowMs)
        {
            if (_udp.IpAddress == 0) return long.MaxValue;
            uint server = CurrentServer();
            if (server == 0) return long.MaxValue;
            if (server != _server) { _server = server; _next = nowMs; _waiting = false; _attempt = 0; }
            if (nowMs < _next) return _next;
            if (_waiting) _attempt++; // the last request timed out: back off (1 s × 2^n, RFC 4330 §10 spirit)
            int r = Send(nowMs);
            if (r == UdpError.Resolving) { _next = nowMs + 250; return _next; }
            _waiting = r == UdpError.None;
            int timeout = FirstTimeoutMs << (_attempt < 5 ? _attempt : 5);
            _next = nowMs + (timeout > MaxRetryMs ? MaxRetryMs : timeout);
            return _next;
        }

        private int Send(long nowMs)
        {
            if (_slot >= 0) _udp.UdpPorts.Unbind(_slot);
            int port = _udp.EphemeralUdpPort();
            _slot = _udp.UdpPorts.Bind(port, this);
            if (_slot < 0) return UdpError.NoSlot;
            // The transmit timestamp is a random nonce the reply must echo (RFC 4330 §5 allows any value; it
            // makes blind spoofing guess 64 bits).
            _nonceSeconds = _random.Next();
            _nonceFraction = _random.Next();
            byte[] b = _out.Tx;
            NtpPacket.WriteRequest(b, UdpOutput.PayloadOffset(_out), _nonceSeconds, _nonceFraction);
            int r = UdpOutput.Send(_out, port, _server, NtpPacket.Port, NtpPacket.Length, 0, _udp.UdpCounters);
            if (r == UdpError.None) { RequestsSent++; _sentAt = nowMs; }
            return r;
        }

        void IUdpReceiver.OnDatagram(byte[] b, int o, int length, uint source, int sourcePort, uint destination, long nowMs)
        {
            if (!_waiting || source != _server || sourcePort != NtpPacket.Port || length < NtpPacket.Length
                || NtpPacket.Mode(b, o) != NtpPacket.ModeServer || NtpPacket.OriginateSeconds(b, o) != _nonceSeconds
                || NtpPacket.OriginateFraction(b, o) != _nonceFraction || NtpPacket.TransmitSeconds(b, o) == 0)
            {
                _udp.CountUdpDrop(DropReason.SntpInvalid, nowMs);
                return;
            }
            int stratum = NtpPacket.Stratum(b, o);
            _waiting = false;
            if (stratum == 0 || stratum > 15 || NtpPacket.Leap(b, o) == NtpPacket.LeapAlarm)
            {
                // Kiss-o'-death or an unsynchronised server (RFC 4330 §8): keep the old time, ask much later.
                _udp.CountUdpDrop(DropReason.SntpInvalid, nowMs);
                _attempt = 5;
                _next = nowMs + MaxRetryMs;
                return;
            }
            // SNTP's simple estimate (RFC 4330 §5): the server's transmit time plus half the round trip.
            long roundTrip = nowMs - _sentAt;
            long utc = NtpPacket.ToUnixMs(NtpPacket.TransmitSeconds(b, o), NtpPacket.TransmitFraction(b, o)) + roundTrip / 2;
            _offsetMs = utc - nowMs;
            Synchronized = true;
            Stratum = stratum;
            LastSyncMs = nowMs;
            RepliesAccepted++;
            _attempt = 0;
            _next = nowMs + _intervalMs;
            _udp.UdpPorts.Unbind(_slot);
            _slot = -1;
        }
    }
}

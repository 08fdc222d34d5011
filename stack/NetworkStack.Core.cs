using NanoTcp.Arp;
using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp
{
    // Construction, the poll loop and frame output: the only code that touches the link.
    public sealed partial class NetworkStack
    {
        private const int MaxSlots = 256;
        private const int GenerationMask = 0x3FFFFF;

        private StackConfig _cfg;
        private ILink _link;
        private byte[] _mac;
        private uint _ip, _mask, _gateway;
        private byte[] _rx, _tx;
        private Tcb[] _tcbs;
        private ArpCache _arp;
        private IInitialSequenceNumbers _isn;
        private ResetQueue _resets;
        private StackCounters _counters;
        private IStackTracer _tracer;
        private IEchoReplyListener _echoListener;
        private int _ipIdentification;
        private int _mss;
        private long _now;
        private bool _announced;

        private void Initialize(StackConfig config, ILink link)
        {
            _cfg = config ?? new StackConfig();
            _link = link;
            _mac = new byte[6];
            if (_cfg.MacAddress != null && _cfg.MacAddress.Length >= 6) MacAddress.Copy(_cfg.MacAddress, 0, _mac, 0);
            _ip = _cfg.IpAddress;
            _mask = _cfg.SubnetMask;
            _gateway = _cfg.Gateway;
            int frame = _cfg.MaxFrameSize < 128 ? 128 : _cfg.MaxFrameSize;
            _rx = new byte[frame];
            _tx = new byte[frame];
            int maxMss = frame - EthernetFrame.HeaderLength - Ipv4Packet.MinHeaderLength - TcpHeader.MinLength;
            _mss = _cfg.Mss < 64 ? 64 : (_cfg.Mss > maxMss ? maxMss : _cfg.Mss);
            _counters = new StackCounters();
            _arp = new ArpCache(_cfg.ArpEntries, _cfg.ArpEntryTimeoutMs, _cfg.ArpRequestIntervalMs, _cfg.ArpRequestRetries);
            _isn = _cfg.IsnSource ?? new InitialSequenceNumber(_cfg.IsnSecret ?? RandomSecret());
            InitializeTcp();
        }

        private static byte[] RandomSecret()
        {
            var secret = new byte[16];
            new System.Random().NextBytes(secret);
            return secret;
        }

        /// <summary>
        /// Runs the stack: reads up to <see cref="StackConfig.FramesPerPoll"/> frames from the link and processes
        /// them, runs every timer that is due, then sends what the connections, ARP and ICMP have queued.
        /// Returns the absolute time (ms) by which Poll must run again even if no frame arrives
        /// (<paramref name="nowMs"/> itself when frames are still waiting), or long.MaxValue when nothing is armed.
        /// </summary>
        public long Poll(long nowMs)
        {
            _now = nowMs;
            bool more = false;
            if (_link != null && _link.IsUp)
            {
                // Announce at start and after every link-up edge (RFC 5227 §2.3), until the link took the frame.
                if (!_announced && _cfg.GratuitousArp) _announced = SendArp(ArpPacket.OpRequest, null, 0, _ip);
                else _announced = true;
                more = ReceiveFrames();
            }
            else _announced = false;
            RunTcpTimers();
            SendQueuedResets();
            SendPendingEcho();
            RunTcpOutput();
            SendArpRequests(); // last: output above may just have asked for a resolution
            return more ? nowMs : NextDeadline();
        }

        private bool ReceiveFrames()
        {
            int budget = _cfg.FramesPerPoll < 1 ? 1 : _cfg.FramesPerPoll;
            for (int i = 0; i < budget; i++)
            {
                int length = _link.Receive(_rx, 0, _rx.Length);
                if (length <= 0) return false;
                if (length > _rx.Length) length = _rx.Length;
                _counters.FramesReceived++;
                if (_tracer != null) _tracer.FrameReceived(_rx, 0, length, _now);
                ProcessEthernet(new EthernetFrame(_rx, 0, length));
            }
            return true;
        }

        private long NextDeadline()
        {
            // While the link is down no ARP request can go out: its deadline would be in the past forever.
            long next = _link != null && _link.IsUp ? _arp.NextDeadline() : long.MaxValue;
            if (_echoPending && next > _now + _cfg.ArpRequestIntervalMs) next = _now + _cfg.ArpRequestIntervalMs;
            long tcp = NextTcpDeadline();
            return tcp < next ? tcp : next;
        }

        private void Drop(DropReason reason, byte[] frame, int offset, int length)
        {
            _counters.CountDrop(reason);
            if (_tracer != null) _tracer.FrameDropped(reason, frame, offset, length, _now);
        }

        /// <summary>Sends _tx[0..length), padded to the Ethernet minimum. False when the link refused it.</summary>
        private bool Transmit(int length)
        {
            while (length < EthernetFrame.MinimumLength) _tx[length++] = 0;
            bool ok = _link != null && _link.IsUp && _link.Transmit(_tx, 0, length);
            if (ok) _counters.FramesSent++;
            if (_tracer != null) _tracer.FrameSent(_tx, 0, length, ok, _now);
            return ok;
        }

        /// <summary>Writes Ethernet and IPv4 headers in front of a payload already placed at <see cref="IpPayloadOffset"/> and sends it.</summary>
        private bool TransmitIpv4(byte[] dstMac, int dstMacOffset, int protocol, uint destination, int payloadLength)
        {
            EthernetFrame.WriteHeader(_tx, 0, dstMac, dstMacOffset, _mac, 0, EthernetFrame.TypeIpv4);
            _ipIdentification = (_ipIdentification + 1) & 0xFFFF;
            Ipv4Packet.WriteHeader(_tx, EthernetFrame.HeaderLength, payloadLength, _ipIdentification, _cfg.TimeToLive, protocol, _ip, destination);
            return Transmit(IpPayloadOffset + payloadLength);
        }

        private const int IpPayloadOffset = EthernetFrame.HeaderLength + Ipv4Packet.MinHeaderLength;

        /// <summary>The first hop towards <paramref name="destination"/>: itself on our subnet, else the gateway (0 = unreachable).</summary>
        private uint NextHop(uint destination)
        {
            if ((destination & _mask) == (_ip & _mask)) return destination;
            return _gateway;
        }
    }
}

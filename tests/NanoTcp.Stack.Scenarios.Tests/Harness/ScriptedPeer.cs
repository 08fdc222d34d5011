using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp;
using NanoTcp.Portable.Tests;
using NanoTcp.VirtualBoard.Capture;
using NanoTcp.Scenarios.Harness.Wire;

namespace NanoTcp.Scenarios.Harness
{
    /// <summary>
    /// The remote end of a scripted conversation, in the style of smoltcp's socket tests: one
    /// <see cref="NetworkStack"/> (the DUT) on one end of a <see cref="CrossoverCable"/>, a virtual clock, and a peer that
    /// answers ARP by itself so the script sees only IP traffic. Every frame the DUT sends is decoded by the
    /// test-side codec (<see cref="Wire"/>) with all checksums verified; a malformed frame fails the test.
    /// </summary>
    public sealed class ScriptedPeer
    {
        /// <summary>The DUT's MAC address.</summary>
        public static readonly byte[] DutMac = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x02 };
        /// <summary>The peer's MAC address.</summary>
        public static readonly byte[] PeerMac = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };
        /// <summary>The DUT's address, 192.0.2.2.</summary>
        public const uint DutIp = 0xC0000202;
        /// <summary>The peer's address, 192.0.2.1.</summary>
        public const uint PeerIp = 0xC0000201;
        /// <summary>Window the peer advertises unless a script says otherwise.</summary>
        public const ushort DefaultWindow = 8192;

        private readonly Queue<Emitted> _segments = new Queue<Emitted>();
        private readonly List<string> _trace = new List<string>();
        private readonly List<(long, byte[])> _frames = new List<(long, byte[])>();
        private readonly byte[] _receive = new byte[MaxFrame];

        /// <summary>Largest frame the cable carries (an Ethernet frame without FCS).</summary>
        public const int MaxFrame = 1514;

        /// <summary>A TCP segment the DUT sent and the virtual time at which it left.</summary>
        public readonly record struct Emitted(long Time, Segment Segment);

        /// <summary>Builds the DUT with the scenario defaults, then lets <paramref name="configure"/> adjust them.</summary>
        public ScriptedPeer(Action<StackConfig> configure = null, params uint[] isns)
        {
            Isns = new FixedIsns(isns.Length == 0 ? new uint[] { 10000 } : isns);
            Config = new StackConfig
            {
                MacAddress = (byte[])DutMac.Clone(),
                IpAddress = DutIp,
                SubnetMask = 0xFFFFFF00,
                Gateway = PeerIp,
                IsnSource = Isns,
                DelayedAck = false, // scripts expect every ACK at once; tests of delayed ACK turn it back on
            };
            configure?.Invoke(Config);
            Cable = new CrossoverCable(256, MaxFrame);
            Stack = new NetworkStack(Config, Cable.EndA);
            Pump();
        }

        /// <summary>The device under test.</summary>
        public NetworkStack Stack { get; }
        /// <summary>The configuration the DUT was built from.</summary>
        public StackConfig Config { get; }
        /// <summary>The wire between the script and the DUT: the DUT owns <c>EndA</c>, the peer <c>EndB</c>.</summary>
        public CrossoverCable Cable { get; }
        /// <summary>The DUT's end of the cable (link state, refused transmits).</summary>
        public CrossoverCable.End DutLink => Cable.EndA;
        /// <summary>The fixed ISNs the DUT draws from.</summary>
        public FixedIsns Isns { get; }
        /// <summary>Virtual time in ms.</summary>
        public long Now { get; private set; }
        /// <summary>What the last Poll returned: when the DUT must be polled again.</summary>
        public long NextDeadline { get; private set; }
        /// <summary>The peer's TCP port (source of injected segments).</summary>
        public ushort PeerPort { get; set; } = 40000;
        /// <summary>The DUT's TCP port (destination of injected segments).</summary>
        public ushort DutPort { get; set; } = 80;
        /// <summary>
        /// The peer's MAC address now (<see cref="PeerMac"/> unless a script moves the peer to another NIC): the
        /// source of its frames and the only destination the DUT may address IP frames to.
        /// </summary>
        public byte[] Mac { get; set; } = (byte[])PeerMac.Clone();
        /// <summary>The last frame the DUT sent, as it was on the wire.</summary>
        public byte[] LastFrameFromDut { get; private set; }
        /// <summary>When false, ARP requests from the DUT go unanswered.</summary>
        public bool AnswerArp { get; set; } = true;
        /// <summary>ARP requests for the peer that the peer answered.</summary>
        public int ArpRequestsAnswered { get; private set; }
        /// <summary>ARP packets the DUT sent that the peer did not answer itself (replies, other requests).</summary>
        public Queue<ArpPacket> Arp { get; } = new Queue<ArpPacket>();
        /// <summary>ICMP messages the DUT sent, in order.</summary>
        public Queue<IcmpMessage> Icmp { get; } = new Queue<IcmpMessage>();
        /// <summary>Segments sent by the DUT and not yet taken by the script.</summary>
        public int PendingSegments => _segments.Count;
        /// <summary>The last 60 frames in and out, one line each, for failure messages.</summary>
        public string Trace => "trace:" + Environment.NewLine + string.Join(Environment.NewLine, _trace.Skip(Math.Max(0, _trace.Count - 60)));

        // ---- Time -------------------------------------------------------------------------------------

        /// <summary>
        /// Polls the DUT at the current time until it has nothing more to say and asks for no immediate re-poll:
        /// ARP requests are answered and the answer delivered within the same instant.
        /// </summary>
        public void Pump()
        {
            for (int round = 0; round < 64; round++)
            {
                NextDeadline = Stack.Poll(Now);
                bool injected = false;
                byte[] frame;
                while ((frame = TakeTransmitted()) != null) injected |= Classify(frame);
                // A deadline of "now" means "poll again at once" (frames or requests still queued).
                if (!injected && Cable.EndA.Pending == 0 && NextDeadline > Now) return;
            }
            Assert.Fail("the DUT kept producing work at t=" + Now + Environment.NewLine + Trace);
        }

        /// <summary>
        /// Advances virtual time to <paramref name="t"/>, polling exactly at every deadline the DUT asked for on
        /// the way and nowhere else: a timer whose deadline Poll did not report never fires, so the test sees
        /// what an application that trusts Poll's return value would see.
        /// </summary>
        public void AdvanceTo(long t)
        {
            if (t < Now) throw new ArgumentException($"time goes forward: {t} < {Now}");
            for (int guard = 0; NextDeadline <= t; guard++)
            {
                if (guard > 100000) Assert.Fail($"more than 100000 deadlines before t={t}" + Environment.NewLine + Trace);
                Now = Math.Max(Now, NextDeadline);
                Pump();
            }
            Now = t;
        }

        /// <summary>Advances virtual time by <paramref name="ms"/>.</summary>
        public void AdvanceBy(long ms) => AdvanceTo(Now + ms);

        // ---- Other hosts (spoofed sources) --------------------------------------------------------------

        /// <summary>MAC address of every other host (the frames of spoofed sources come from it).</summary>
        public static readonly byte[] OtherHostMac = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x99 };

        /// <summary>
        /// When true, TCP segments the DUT sends to addresses other than the peer (answers to <see cref="SendFrom"/>)
        /// are decoded, checked and kept in <see cref="ToOtherHosts"/> instead of failing the test.
        /// </summary>
        public bool OtherHostsAllowed { get; set; }

        /// <summary>Segments the DUT sent to other hosts, with their destination address.</summary>
        public List<(uint Ip, Segment Segment)> ToOtherHosts { get; } = new List<(uint Ip, Segment Segment)>();

        /// <summary>Injects a segment from another host <paramref name="sourceIp"/> (MAC <see cref="OtherHostMac"/>) and polls.</summary>
        public void SendFrom(uint sourceIp, Segment segment)
        {
            _trace.Add($"t={Now} {Bytes.Ip(sourceIp)}> {segment}");
            var ip = new Ipv4Packet { Source = sourceIp, Destination = DutIp, Protocol = Ipv4Packet.ProtocolTcp, Payload = segment.Encode(sourceIp, DutIp) };
            InjectFrame(new EthernetFrame { Destination = DutMac, Source = OtherHostMac, EtherType = EthernetFrame.TypeIpv4, Payload = ip.Encode() }.Encode());
        }

        // ---- Injection --------------------------------------------------------------------------------

        /// <summary>A segment from the peer's port to the DUT's port.</summary>
        public Segment Seg(Flags flags, uint seq, uint ack = 0, int window = DefaultWindow, byte[] payload = null,
            params TcpOption[] options)
        {
            return new Segment
            {
                SourcePort = PeerPort,
                DestinationPort = DutPort,
                Flags = flags,
                Seq = seq,
                Ack = ack,
                Window = (ushort)window,
                Payload = payload ?? Array.Empty<byte>(),
                Options = options,
            };
        }

        /// <summary>Injects a segment at the current time and polls.</summary>
        public void Send(Segment segment)
        {
            _trace.Add($"t={Now} peer> {segment}");
            InjectFrame(TcpFrame(segment));
        }

        /// <summary>Injects a segment built by <see cref="Seg"/> at the current time and polls.</summary>
        public void Send(Flags flags, uint seq, uint ack = 0, int window = DefaultWindow, byte[] payload = null,
            params TcpOption[] options)
            => Send(Seg(flags, seq, ack, window, payload, options));

        /// <summary>Advances to <paramref name="t"/>, then injects a segment.</summary>
        public void SendAt(long t, Segment segment)
        {
            AdvanceTo(t);
            Send(segment);
        }

        /// <summary>The Ethernet frame carrying <paramref name="segment"/> from the peer to the DUT.</summary>
        public byte[] TcpFrame(Segment segment)
        {
            var ip = new Ipv4Packet
            {
                Source = PeerIp,
                Destination = DutIp,
                Protocol = Ipv4Packet.ProtocolTcp,
                Payload = segment.Encode(PeerIp, DutIp),
            };
            return EthernetFrameTo(EthernetFrame.TypeIpv4, ip.Encode());
        }

        /// <summary>The Ethernet frame carrying an ICMP message from the peer to the DUT.</summary>
        public byte[] IcmpFrame(IcmpMessage message)
        {
            var ip = new Ipv4Packet { Source = PeerIp, Destination = DutIp, Protocol = Ipv4Packet.ProtocolIcmp, Payload = message.Encode() };
            return EthernetFrameTo(EthernetFrame.TypeIpv4, ip.Encode());
        }

        /// <summary>An Ethernet frame from the peer (its current <see cref="Mac"/>) to the DUT.</summary>
        public byte[] EthernetFrameTo(ushort etherType, byte[] payload) => EthernetFrameTo(DutMac, etherType, payload);

        /// <summary>An Ethernet frame from the peer (its current <see cref="Mac"/>) to <paramref name="destination"/>.</summary>
        public byte[] EthernetFrameTo(byte[] destination, ushort etherType, byte[] payload)
            => new EthernetFrame { Destination = destination, Source = Mac, EtherType = etherType, Payload = payload }.Encode();

        /// <summary>An ARP packet from the peer (its current <see cref="Mac"/> and address) as a frame.</summary>
        public byte[] ArpFrame(ushort operation, uint targetIp, byte[] destination = null, byte[] targetMac = null)
        {
            var arp = new ArpPacket
            {
                Operation = operation, SenderMac = Mac, SenderIp = PeerIp, TargetMac = targetMac ?? new byte[6], TargetIp = targetIp,
            };
            return EthernetFrameTo(destination ?? EthernetFrame.Broadcast, EthernetFrame.TypeArp, arp.Encode());
        }

        /// <summary>Injects raw frame bytes (malformed input) at the current time and polls.</summary>
        public void InjectFrame(byte[] frame)
        {
            _frames.Add((Now, frame));
            Inject(frame);
            Pump();
        }

        /// <summary>Puts a frame on the cable towards the DUT (without polling).</summary>
        private void Inject(byte[] frame)
        {
            if (!Cable.EndB.Transmit(frame, 0, frame.Length))
                Assert.Fail($"the cable refused a {frame.Length}-byte frame (longer than {MaxFrame} or the DUT's queue full): a test bug");
        }

        /// <summary>The next frame the DUT put on the cable, or null.</summary>
        private byte[] TakeTransmitted()
        {
            int n = Cable.EndB.Receive(_receive, 0, _receive.Length);
            return n == 0 ? null : _receive[..n];
        }

        // ---- Expectations -----------------------------------------------------------------------------

        /// <summary>Takes the next segment the DUT sent; fails when there is none.</summary>
        public Emitted Take(string expected = "a segment")
        {
            if (_segments.Count == 0)
                Assert.Fail($"t={Now}: expected {expected} but the DUT sent nothing.{Environment.NewLine}{Trace}");
            return _segments.Dequeue();
        }

        /// <summary>
        /// Takes the next segment and asserts every field: exact flags (PSH is not compared unless asked for,
        /// RFC 9293 §3.9.1.2 leaves it to the sender), SEQ, ACK (when the ACK bit is expected), the window
        /// when given, the payload (none unless given), the MSS option when given (no options otherwise), and
        /// the emission time when given.
        /// </summary>
        public Segment ExpectSegment(Flags flags, uint seq, uint ack = 0, int? window = null, byte[] payload = null,
            int? mss = null, long? at = null)
        {
            string want = Describe(flags, seq, ack, window, payload, mss, at);
            Emitted e = Take(want);
            Segment s = e.Segment;
            Flags got = (flags & Flags.Psh) != 0 ? s.Flags : s.Flags & ~Flags.Psh;
            var problems = new List<string>();
            if (s.SourcePort != DutPort || s.DestinationPort != PeerPort) problems.Add($"ports {s.SourcePort}>{s.DestinationPort}");
            if (got != flags) problems.Add($"flags {got}");
            if (s.Seq != seq) problems.Add($"seq {s.Seq}");
            if ((flags & Flags.Ack) != 0 && s.Ack != ack) problems.Add($"ack {s.Ack}");
            if (window.HasValue && s.Window != window.Value) problems.Add($"window {s.Window}");
            byte[] data = payload ?? Array.Empty<byte>();
            if (!s.Payload.AsSpan().SequenceEqual(data)) problems.Add($"payload of {s.Payload.Length} bytes");
            if (s.Mss != mss) problems.Add($"mss {s.Mss?.ToString() ?? "none"}");
            if (s.Options.Any(o => o.Kind != TcpOption.KindMss)) problems.Add("unexpected options");
            if (s.UrgentPointer != 0) problems.Add($"urgent pointer {s.UrgentPointer}");
            if (at.HasValue && e.Time != at.Value) problems.Add($"sent at t={e.Time}");
            if (problems.Count > 0)
                Assert.Fail($"expected {want}{Environment.NewLine}got      {s} at t={e.Time} ({string.Join(", ", problems)})"
                    + Environment.NewLine + Trace);
            return s;
        }

        /// <summary>Asserts the DUT has sent nothing since the last expectation.</summary>
        public void ExpectNothing()
        {
            if (_segments.Count > 0)
                Assert.Fail($"t={Now}: expected silence, the DUT sent:{Environment.NewLine}  "
                    + string.Join(Environment.NewLine + "  ", _segments.Select(x => $"t={x.Time} {x.Segment}"))
                    + Environment.NewLine + Trace);
        }

        /// <summary>Drops every pending segment (for scripts that only care about what comes later).</summary>
        public void DiscardPending() => _segments.Clear();

        // ---- DUT introspection ------------------------------------------------------------------------

        /// <summary>
        /// The state of the DUT's slot for this 4-tuple (DutPort, PeerPort), or Closed when there is none:
        /// for connections that have no handle yet (SYN-RECEIVED, not accepted).
        /// </summary>
        public TcpState SlotState(ushort? peerPort = null, ushort? dutPort = null)
            => Introspection.Connection(Stack, dutPort ?? DutPort, PeerIp, peerPort ?? PeerPort)?.State ?? TcpState.Closed;

        /// <summary>The DUT's connection info for this 4-tuple; fails when there is none.</summary>
        public TcpConnectionInfo SlotInfo(ushort? peerPort = null)
        {
            var info = Introspection.Connection(Stack, DutPort, PeerIp, peerPort ?? PeerPort);
            if (info == null) Assert.Fail($"no DUT slot for port {DutPort} <-> {peerPort ?? PeerPort}");
            return info ?? default;
        }

        // ---- Frames from the DUT ----------------------------------------------------------------------

        private bool Classify(byte[] frame)
        {
            _frames.Add((Now, frame));
            LastFrameFromDut = frame;
            var eth = EthernetFrame.Parse(frame, out string error);
            Check(error, frame);
            if (!EthernetFrame.SameMac(eth.Source, DutMac)) Check("source MAC " + EthernetFrame.Mac(eth.Source), frame);
            if (eth.EtherType == EthernetFrame.TypeArp) return OnArp(ArpPacketOf(eth, frame));
            if (eth.EtherType != EthernetFrame.TypeIpv4) { Check($"EtherType 0x{eth.EtherType:X4}", frame); return false; }
            var ip = Ipv4Packet.Parse(eth.Payload, out error);
            Check(error, frame);
            if (OtherHostsAllowed && ip.Destination != PeerIp && ip.Protocol == Ipv4Packet.ProtocolTcp) return ToOtherHost(eth, ip, frame);
            if (!EthernetFrame.SameMac(eth.Destination, Mac)) Check("IP frame to MAC " + EthernetFrame.Mac(eth.Destination), frame);
            if (ip.Source != DutIp || ip.Destination != PeerIp) Check($"IP {Bytes.Ip(ip.Source)} > {Bytes.Ip(ip.Destination)}", frame);
            if ((ip.FlagsAndFragment & 0x3FFF) != 0) Check("fragmented datagram", frame);
            if (ip.Ttl != Config.TimeToLive) Check($"TTL {ip.Ttl}", frame);
            if (ip.Protocol == Ipv4Packet.ProtocolTcp)
            {
                var seg = Segment.Parse(ip.Payload, ip.Source, ip.Destination, out error);
                Check(error, frame);
                _trace.Add($"t={Now} dut>  {seg}");
                _segments.Enqueue(new Emitted(Now, seg));
            }
            else if (ip.Protocol == Ipv4Packet.ProtocolIcmp)
            {
                var icmp = IcmpMessage.Parse(ip.Payload, out error);
                Check(error, frame);
                _trace.Add($"t={Now} dut>  ICMP type {icmp.Type} code {icmp.Code}");
                Icmp.Enqueue(icmp);
            }
            else Check($"IP protocol {ip.Protocol}", frame);
            return false;
        }

        private bool ToOtherHost(EthernetFrame eth, Ipv4Packet ip, byte[] frame)
        {
            if (!EthernetFrame.SameMac(eth.Destination, OtherHostMac)) Check("frame for " + Bytes.Ip(ip.Destination) + " to MAC " + EthernetFrame.Mac(eth.Destination), frame);
            var seg = Segment.Parse(ip.Payload, ip.Source, ip.Destination, out string error);
            Check(error, frame);
            ToOtherHosts.Add((ip.Destination, seg));
            return false;
        }

        private ArpPacket ArpPacketOf(EthernetFrame eth, byte[] frame)
        {
            var arp = ArpPacket.Parse(eth.Payload, out string error);
            Check(error, frame);
            return arp;
        }

        private bool OnArp(ArpPacket arp)
        {
            bool answer = arp.Operation == ArpPacket.OpRequest && arp.TargetIp == PeerIp && AnswerArp;
            _trace.Add($"t={Now} dut>  ARP op {arp.Operation} {Bytes.Ip(arp.SenderIp)} asks {Bytes.Ip(arp.TargetIp)}{(answer ? " (answered)" : "")}");
            if (!answer)
            {
                Arp.Enqueue(arp);
                return false;
            }
            ArpRequestsAnswered++;
            var reply = new ArpPacket
            {
                Operation = ArpPacket.OpReply,
                SenderMac = Mac,
                SenderIp = PeerIp,
                TargetMac = arp.SenderMac,
                TargetIp = arp.SenderIp,
            };
            byte[] f = EthernetFrameTo(EthernetFrame.TypeArp, reply.Encode());
            _frames.Add((Now, f));
            Inject(f);
            return true;
        }

        private void Check(string error, byte[] frame)
        {
            if (error != null)
                Assert.Fail($"t={Now}: the DUT sent a bad frame ({error}): {BitConverter.ToString(frame)}{Environment.NewLine}{Trace}");
        }

        private static string Describe(Flags flags, uint seq, uint ack, int? window, byte[] payload, int? mss, long? at)
        {
            var s = new Segment { Flags = flags, Seq = seq, Ack = ack, Payload = payload ?? Array.Empty<byte>() };
            string text = s.ToString();
            text = text.Substring(text.IndexOf('['));
            if (window.HasValue) text += $" (win {window})";
            if (mss.HasValue) text += $" <mss {mss}>";
            if (at.HasValue) text += $" at t={at}";
            return text;
        }

        /// <summary>Writes every frame in and out as a pcap file (for Wireshark), stamped with virtual time.</summary>
        public void WritePcap(string path)
        {
            using var pcap = new PcapWriter(path);
            foreach (var (t, f) in _frames) pcap.Write(f, 0, f.Length, t * 1000);
        }
    }
}

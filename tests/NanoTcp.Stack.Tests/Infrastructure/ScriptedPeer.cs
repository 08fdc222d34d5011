using System;
using System.Collections.Generic;

namespace NanoTcp.Stack.Tests.Infrastructure
{
    /// <summary>
    /// One stack (DUT, 192.0.2.2) and a scripted peer (192.0.2.1) on an in-memory wire: the test injects raw
    /// frames and reads back every frame the DUT sent, parsed by the independent codec.
    /// </summary>
    public sealed class ScriptedPeer
    {
        public static readonly uint DutIp = Ip4.Address(192, 0, 2, 2);
        public static readonly uint PeerIp = Ip4.Address(192, 0, 2, 1);
        public static readonly byte[] DutMac = { 0x02, 0, 0, 0, 0, 0x02 };
        public static readonly byte[] PeerMac = { 0x02, 0, 0, 0, 0, 0x01 };

        public readonly WireEnd Dut = new WireEnd();
        public readonly WireEnd Peer = new WireEnd();
        public readonly NetworkStack Stack;
        public readonly StackConfig Config;
        public long Now = 10_000;
        private readonly byte[] _frame = new byte[2048];

        public ScriptedPeer(Action<StackConfig> configure = null, bool learnPeer = true)
        {
            WireEnd.Connect(Dut, Peer);
            Config = new StackConfig
            {
                MacAddress = DutMac, IpAddress = DutIp, SubnetMask = Ip4.Address(255, 255, 255, 0), Gateway = 0,
                IsnSecret = new byte[16], DelayedAck = false, GratuitousArp = false,
            };
            configure?.Invoke(Config);
            Stack = new NetworkStack(Config, Dut);
            if (learnPeer) Stack.AddStaticArpEntry(PeerIp, PeerMac, 0);
        }

        public void Inject(byte[] frame) => Dut.Inbound.Enqueue(frame, 0, frame.Length);

        public long Poll() => Stack.Poll(Now);

        public List<Packets.Parsed> Sent()
        {
            var list = new List<Packets.Parsed>();
            int n;
            while ((n = Peer.Inbound.Dequeue(_frame, 0, _frame.Length)) > 0)
            {
                var copy = new byte[n];
                Array.Copy(_frame, copy, n);
                list.Add(Packets.Parse(copy));
            }
            return list;
        }

        /// <summary>Injects a TCP segment from the peer and polls.</summary>
        public List<Packets.Parsed> Segment(int sport, int dport, uint seq, uint ack, byte flags, int window = 8192, byte[] data = null, byte[] options = null)
        {
            Inject(Packets.TcpFrame(DutMac, PeerMac, PeerIp, DutIp, sport, dport, seq, ack, flags, window, data, options));
            Poll();
            return Sent();
        }
    }
}

namespace NanoTcp.Udp
{
    /// <summary>
    /// Sends one datagram whose payload is already in the interface's transmit frame
    /// (<see cref="NetworkInterface.Tx"/> at <see cref="PayloadOffset"/>) through the one IPv4 egress,
    /// <see cref="NetworkInterface.SendIpv4"/>.
    /// </summary>
    internal static class UdpOutput
    {
        /// <summary>Offset of the UDP payload in the transmit frame.</summary>
        public static int PayloadOffset(NetworkInterface output)
        {
            return NetworkInterface.IpPayloadOffset + UdpHeader.Length;
        }

        /// <summary>Largest UDP payload one frame carries.</summary>
        public static int MaxPayload(NetworkInterface output)
        {
            return output.MaxIpPayload - UdpHeader.Length;
        }

        /// <summary>
        /// Adds the UDP header in front of <paramref name="payloadLength"/> bytes at <see cref="PayloadOffset"/>
        /// and sends with time-to-live <paramref name="ttl"/> (0 = the stack's default); returns
        /// <see cref="UdpError.None"/> or a negative <see cref="UdpError"/>.
        /// </summary>
        public static int Send(NetworkInterface output, int sourcePort, uint destination, int destinationPort, int payloadLength, int ttl, UdpCounters counters)
        {
            if (payloadLength < 0 || payloadLength > MaxPayload(output)) return UdpError.TooLarge;
            if (!output.IsUp) return UdpError.LinkFailed;
            UdpHeader.Write(output.Tx, NetworkInterface.IpPayloadOffset, sourcePort, destinationPort, payloadLength, output.Ip, destination);
            int result = ToUdpError(output.SendIpv4(destination, UdpHeader.Protocol, UdpHeader.Length + payloadLength, ttl));
            if (result == UdpError.None) counters.DatagramsSent++;
            return result;
        }

        /// <summary>Maps a <see cref="NetworkInterface.SendIpv4"/> result to a <see cref="UdpError"/>.</summary>
        public static int ToUdpError(int sendResult)
        {
            if (sendResult == NetworkInterface.Sent) return UdpError.None;
            if (sendResult == NetworkInterface.Waiting) return UdpError.Resolving;
            if (sendResult == NetworkInterface.Unreachable) return UdpError.Unreachable;
            return UdpError.LinkFailed;
        }
    }
}

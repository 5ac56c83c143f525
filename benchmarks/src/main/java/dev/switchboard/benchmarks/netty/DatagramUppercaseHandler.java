package dev.switchboard.benchmarks.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;

/**
 * Answers each datagram with its bytes upper-cased in place, sent back to its sender from the same
 * buffer. Replies are flushed once per read batch.
 */
@ChannelHandler.Sharable
final class DatagramUppercaseHandler extends ChannelInboundHandlerAdapter {

    static final DatagramUppercaseHandler INSTANCE = new DatagramUppercaseHandler();

    private DatagramUppercaseHandler() {}

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        DatagramPacket packet = (DatagramPacket) msg;
        AsciiUpperCase.raise(packet.content());
        ctx.write(new DatagramPacket(packet.content(), packet.sender()), ctx.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a datagram socket has no peer to lose; an ICMP error for one client must not stop the others
    }
}

/**
 * WeChat Official Account: the message-push webhook (plain and safe mode, async and passive replies, the transfer to
 * WeChat's own 客服 when the engine hands off) and the customer-service send API, wired by
 * {@link dev.baton.wechat.oa.OfficialAccount}.
 */
package dev.baton.wechat.oa;

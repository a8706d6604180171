/** WeChat Official Account: the message-push webhook (plain and safe mode, async and passive replies) and the customer-service send API. */
package dev.baton.wechat.oa;

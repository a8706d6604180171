/** WeChat's message signature and the WXBizMsgCrypt AES scheme, shared by Official Accounts and WeCom. */
package dev.baton.wechat.crypto;

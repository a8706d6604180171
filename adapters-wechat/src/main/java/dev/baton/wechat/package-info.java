/** WeChat Official Account and WeCom 微信客服 channels: config, and the module the composition root builds. */
package dev.baton.wechat;

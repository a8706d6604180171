/** Leave a message / call back (留言): collecting a customer's contact details and question, and the promised time. */
package dev.baton.core.handoff.callback;
